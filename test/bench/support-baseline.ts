/**
 * The benchmark's baseline: the reference flow's balance path (examples/abc-internet/support.flow,
 * key 3) written by hand as plain async JavaScript on the same PBX port, clock, speech and
 * customer store, with no sandbox, no step function and no session around it. What the runtime
 * adds on top of this is what the benchmark measures.
 */
import type { SpeechPart } from '../../language/compiled-format.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { CustomerStore } from '../../runtime/data/customer-store.ts';
import { CallEnded, CallLine, nextKey, TIMEOUT } from '../../runtime/session/call-line.ts';
import { speechToMedia } from '../../runtime/speech/speech-media.ts';
import type { Tts } from '../../runtime/speech/tts.ts';
import type { InboundCall, PbxPort } from '../../telephony/pbx-port.ts';

export interface BaselineDeps {
  pbx: PbxPort;
  clock: Clock;
  tts: Tts;
  customers: CustomerStore;
  /** The call waits for keys (the benchmark's caller presses them then). */
  onWaiting(channelId: string): void;
  /** One wait point passed (the counterpart of a step of the compiled flow). */
  onStep(): void;
}

const text = (t: string): SpeechPart[] => [{ kind: 'text', text: t }];
const GREETING = text('Добрый день, компания “АВС Интернет”, спасибо за звонок.');
const MENU: SpeechPart[] = [
  'Если Вы хотите получить техническую поддержку, нажмите «1».',
  'Если Вы желаете получить консультацию по общим вопросам, нажмите «2».',
  'Если Вы хотите получить информацию о состоянии своего счета, нажмите «3».',
  'Сделайте свой выбор, пожалуйста.',
].map((t) => ({ kind: 'text', text: t }));
const CONTRACT = text('Наберите, пожалуйста, цифровой номер вашего договора и нажмите клавишу «#».');
const PIN = text('Введите свой личный PIN код и нажмите клавишу «#».');
const WRONG = text('Номер договора или PIN код указаны неверно.');

interface Collect {
  min: number;
  max: number;
  terminator: string | null;
  firstMs: number;
  interMs: number;
  valid: string[] | null;
}

export async function supportFlowByHand(
  call: InboundCall,
  d: BaselineDeps,
): Promise<'completed' | 'abandoned' | 'other'> {
  const line = new CallLine(d.pbx, call.channelId, d.clock);
  line.attach();
  const say = async (parts: SpeechPart[], bargeIn = false) => {
    if (bargeIn && line.hasKeys()) return;
    const speech = await speechToMedia(parts, 'ru', {}, { tts: d.tts });
    const id = await d.pbx.play(call.channelId, speech.media);
    const ended = await line.wait(
      (l, playback: string) => l.playbackEnded(playback) ?? (bargeIn && l.hasKeys() ? 'key' : undefined),
      id,
      null,
    );
    if (ended === 'key') await d.pbx.stopPlayback(id);
  };
  const collect = async (prompt: SpeechPart[], c: Collect): Promise<string | null> => {
    await say(prompt, true);
    d.onWaiting(call.channelId);
    let digits = '';
    for (;;) {
      const key = await line.wait(nextKey, null, digits === '' ? c.firstMs : c.interMs);
      if (key === TIMEOUT || key === c.terminator) break;
      digits += key;
      if (digits.length >= c.max) break;
    }
    if (digits.length < c.min || (c.valid && !c.valid.includes(digits))) return null;
    return digits;
  };
  try {
    await d.pbx.answer(call.channelId);
    await say(GREETING);
    d.onStep();
    let choice: string | null = null;
    for (let attempt = 0; attempt <= 3 && choice === null; attempt++) {
      choice = await collect(MENU, {
        min: 1,
        max: 1,
        terminator: null,
        firstMs: 5000,
        interMs: 5000,
        valid: ['1', '2', '3'],
      });
      d.onStep();
    }
    if (choice !== '3') return 'other';
    for (let attempt = 0; attempt <= 3; attempt++) {
      const contract = await collect(CONTRACT, {
        min: 4,
        max: 12,
        terminator: '#',
        firstMs: 10_000,
        interMs: 5_000,
        valid: null,
      });
      d.onStep();
      const pin = await collect(PIN, {
        min: 4,
        max: 8,
        terminator: '#',
        firstMs: 10_000,
        interMs: 5_000,
        valid: null,
      });
      d.onStep();
      if (contract === null || pin === null) continue;
      const account = await d.customers.balance(contract, pin);
      d.onStep();
      if (!account) {
        await say(WRONG);
        d.onStep();
        continue;
      }
      await say([
        { kind: 'text', text: 'На вашем личном счету ' },
        { kind: 'money', amount: account.balance, currency: account.currency },
        { kind: 'text', text: '.' },
      ]);
      d.onStep();
      await d.pbx.hangup(call.channelId);
      d.onStep();
      return 'completed';
    }
    return 'other';
  } catch (error) {
    if (error instanceof CallEnded) return 'abandoned';
    throw error;
  } finally {
    line.close();
  }
}
