/**
 * A valid, realistic flow of exactly `lines` lines (for lines >= 14): a header, then steps with
 * menus, digit collection, data operations with `on error`, conditions, queues with announcements and
 * templates, each step jumping to the next. Used by the parse/check/compile benchmarks and the fuzz test.
 */
export function generateFlow(lines: number): string {
  const out: string[] = [
    'flow "Генератор нагрузки"',
    '  answers "0800300400"',
    '  language ru',
    '  fallback -> queue "general"',
    '',
    '  say "Добрый день, компания “АВС Интернет”, спасибо за звонок."',
    '  goto s0',
  ];
  const footer = ['    goto done', '', '  step done', '    say "До свидания."', '    hangup'];
  let i = 0;
  for (
    let block = stepBlock(0);
    out.length + block.length + 2 + footer.length <= lines;
    block = stepBlock(++i)
  ) {
    out.push(...block);
  }
  // The last step jumps to `s{i}`: that step exists and is padded so the text has exactly `lines` lines.
  out.push('', `  step s${i}`);
  while (out.length + footer.length < lines) out.push(`    log filler${out.length} = ${out.length}`);
  out.push(...footer);
  return `${out.join('\n')}\n`;
}

function stepBlock(i: number): string[] {
  const next = `s${i + 1}`;
  return [
    '',
    `  // step ${i}: menu, digits, lookup, branching`,
    `  step s${i}`,
    `    menu m${i} retries 3 timeout 5s`,
    `      prompt "Если Вы хотите получить техническую поддержку, нажмите 1. Баланс — 2. Шаг ${i}."`,
    '      on 1',
    '        say "Обратите внимание, Ваш разговор будет записан."',
    '        record call',
    `        queue "tech-support" priority (caller.number == "+380501234567" ? 10 : ${i % 5}) max wait 10m`,
    '          announce "Приблизительное время ожидания {ewt} мин." every 60s',
    '          music "default"',
    '          on overflow -> queue "general"',
    `      on 2 -> goto ${next}`,
    '      on timeout, invalid -> repeat',
    '      after retries -> queue "general"',
    `    ask contract${i} = digits 4..12 until "#" timeout 7s interdigit 3s retries 3`,
    '      prompt "Наберите, пожалуйста, номер вашего договора и нажмите «#»."',
    '      after retries -> queue "general"',
    `    let account${i} = billing.balance(contract${i}, "1111")`,
    '      on error -> queue "general"',
    `    if account${i} is none or length(contract${i}) < 4`,
    `      say "Номер договора {digits(contract${i})} указан неверно."`,
    `      retry s${i} at most 3 times, then queue "general"`,
    `    else if account${i}.balance > ${i * 10} and now.hour >= 9`,
    `      say "На вашем личном счету {money(account${i}.balance, account${i}.currency)}."`,
    '    else',
    `      let total${i} = account${i}.balance * 2 + ${i}`,
    `      log step${i} = "low balance"`,
    `    goto ${next}`,
  ];
}
