/** Flows the session tests run (compiled by the real compiler). */

export const SUPPORT = `flow "Поддержка"
  answers "0800300400"
  language ru

  say "Добрый день, компания «АВС Интернет», спасибо за звонок."
  menu main retries 2 timeout 5s
    prompt "Техподдержка — 1, баланс — 3."
    on 1
      say "Ваш разговор будет записан."
      record call
      queue "tech" max wait 10m
        announce "Все операторы на линии заняты. Приблизительное время ожидания {ewt} мин." every 60s
        on overflow -> goto busy
    on 3 -> goto balance
    on timeout, invalid -> repeat
    after retries -> goto busy

  step balance
    ask contract = digits 4..12 until "#"
      prompt "Наберите номер договора и нажмите решётку."
    ask secret pin = digits 4..4 until "#"
      prompt "Введите PIN код и нажмите решётку."
    let account = billing.balance(contract, pin)
      on error -> goto busy
    if account is none
      say "Номер договора или PIN код указаны неверно."
      retry balance at most 2 times, then goto busy
    log balance_checked = true
    say "На вашем личном счету {money(account.balance, account.currency)}."
    hangup

  step busy
    say "Пожалуйста, перезвоните позже."
    hangup
`;
