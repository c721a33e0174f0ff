/** Q.850 hang-up causes as Asterisk names them (ChannelDestroyed.cause_txt). Shared by adapter and simulator. */
const causeTexts: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  27: 'Destination out of order',
  28: 'Invalid number format (addr incomplete)',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  41: 'Temporary failure',
  42: 'Switching equipment congestion',
  127: 'Interworking, unspecified',
};

export function causeText(cause: number): string {
  return causeTexts[cause] ?? 'Unknown';
}
