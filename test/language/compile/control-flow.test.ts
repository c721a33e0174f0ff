import { afterEach, describe, expect, it } from 'vitest';
import { CALL, dataFailed, dataOk, digits, FlowRunner, flowSource, ok, played } from './driver.ts';

describe('control flow', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('if / else if / else picks the branch from the condition', async () => {
    const source = flowSource(`
      flow "Branches"
        answers "100"
        ask n = digits 1..2
          prompt "Number"
        let v = toNumber(n)
        if v > 10
          say "big"
        else if v > 5
          say "medium"
        else
          say "small"
        hangup
    `);
    for (const [input, expected] of [
      ['42', 'big'],
      ['7', 'medium'],
      ['3', 'small'],
    ]) {
      runner = await FlowRunner.compile(source);
      runner.start();
      expect(runner.step(digits(input)).command).toMatchObject({ type: 'say', parts: [{ text: expected }] });
      expect(runner.step(played).command).toMatchObject({ type: 'hangup', loc: { line: 12, column: 3 } });
      runner.dispose();
    }
  });

  it('goto jumps to a step and records it in state.step', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Goto"
          answers "100"
          goto second

          step second
            say "in second"
            hangup
      `),
    );
    expect(runner.start().command).toMatchObject({ type: 'say', parts: [{ text: 'in second' }] });
    expect(runner.state.step).toBe('second');
  });

  it('retry jumps back at most N times, then runs its `then` statement', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Retry"
          answers "100"
          goto again

          step again
            say "attempt"
            retry again at most 2 times, then queue "general"
      `),
    );
    const commands = [runner.start().command];
    for (let i = 0; i < 3; i++) commands.push(runner.step(played).command);
    expect(commands.map((c) => c.type)).toEqual(['say', 'say', 'say', 'queue']);
    expect(runner.state.counters).toEqual({ 'retry again@7:5': 2 });
  });

  it('a subflow gets its parameters, returns a value, and the caller continues', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Sub"
          answers "100"
          let who = "Ivan"
          call greet(who, 2)
          let total = call add(40, 2)
          say "total {total}, still {who}"
          hangup

        subflow greet(name, times)
          say "Hello {name} x{times}"

        subflow add(a, b)
          let sum = a + b
          return sum
      `),
    );
    expect(runner.start().command).toMatchObject({
      type: 'say',
      parts: [{ text: 'Hello Ivan x' }, { value: 2 }],
    });
    expect(runner.state.frames).toHaveLength(1);
    expect(runner.state.vars).toEqual({ name: 'Ivan', times: 2 });
    expect(runner.step(played).command).toMatchObject({
      type: 'say',
      parts: [{ text: 'total ' }, { kind: 'number', value: 42 }, { text: ', still Ivan' }],
    });
    expect(runner.state.frames).toEqual([]);
    expect(runner.state.vars).toEqual({ who: 'Ivan', total: 42 });
  });

  it('data operations: ok stores the value, none is null, an error runs `on error`', async () => {
    const source = flowSource(`
      flow "Data"
        answers "100"
        let customer = crm.lookup(caller.number)
          on error
            say "lookup failed"
            hangup
        if customer is none
          say "unknown"
        else
          say "hello {customer.name}"
        hangup
    `);
    runner = await FlowRunner.compile(source);
    expect(runner.start().command).toEqual({
      type: 'data',
      source: 'crm',
      operation: 'lookup',
      args: [CALL.caller.number],
      loc: { line: 3, column: 3 },
    });
    expect(runner.step(dataOk({ name: 'Olena', vip: true })).command).toMatchObject({
      parts: [{ text: 'hello Olena' }],
    });
    runner.dispose();

    runner = await FlowRunner.compile(source);
    runner.start();
    expect(runner.step(dataOk(null)).command).toMatchObject({ parts: [{ text: 'unknown' }] });
    expect(runner.state.vars).toEqual({ customer: null });
    runner.dispose();

    runner = await FlowRunner.compile(source);
    runner.start();
    expect(runner.step(dataFailed).command).toMatchObject({ parts: [{ text: 'lookup failed' }] });
  });

  it('a failed data operation without `on error` runs the fallback clause', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Data"
          answers "100"
          fallback -> transfer to queue "vip"
          crm.logContact(caller.number)
          say "logged"
          hangup
      `),
    );
    runner.start();
    expect(runner.step(dataFailed).command).toEqual({
      type: 'transfer',
      target: 'queue',
      destination: 'vip',
      loc: { line: 3, column: 15 },
    });
    expect(runner.step(ok).command).toMatchObject({ type: 'hangup' });
  });

  it('queue overflow runs `on overflow`; without it an outcome ends the call', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Queues"
          answers "100"
          queue "tech-support" priority 5 skills "internet", "ru"
            on overflow
              queue "general"
      `),
    );
    expect(runner.start().command).toMatchObject({
      type: 'queue',
      queue: 'tech-support',
      priority: 5,
      skills: ['internet', 'ru'],
      handlesOverflow: true,
    });
    expect(runner.step({ type: 'queue', outcome: 'no-operators' }).command).toMatchObject({
      type: 'queue',
      queue: 'general',
      handlesOverflow: false,
    });
    expect(runner.step({ type: 'queue', outcome: 'timeout' }).command).toEqual({
      type: 'hangup',
      loc: { line: 1, column: 6 },
    });
  });

  it('a queue answered by an operator ends the flow', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Served"
          answers "100"
          queue "general"
      `),
    );
    runner.start();
    expect(runner.step(ok).command).toMatchObject({ type: 'hangup' });
  });

  it('a question stores the typed answer and follows its branch', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        survey "Survey"
          group "survey-team"
          question satisfied "Satisfied?" yesno
            on yes -> question services "Which services?" text
            on no -> question complaint "What is wrong?" text
          question score "Rate 1 to 5" number 1..5
          hangup
      `),
    );
    expect(runner.flow.meta).toMatchObject({ flavor: 'survey', group: 'survey-team' });
    expect(runner.start().command).toEqual({
      type: 'question',
      name: 'satisfied',
      text: [{ kind: 'text', text: 'Satisfied?' }],
      answerType: 'yesno',
      min: null,
      max: null,
      options: [],
      loc: { line: 3, column: 3 },
    });
    expect(runner.step({ type: 'answer', value: 'нет' }).command).toMatchObject({ name: 'complaint' });
    expect(runner.step({ type: 'answer', value: 'slow' }).command).toMatchObject({
      name: 'score',
      min: 1,
      max: 5,
    });
    runner.step({ type: 'answer', value: '4' });
    expect(runner.state.vars).toEqual({ satisfied: false, complaint: 'slow', score: 4 });
  });

  it('log and transfer carry their values', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Log"
          answers "100"
          log reason = "vip"
          transfer to extension "10" + "01"
      `),
    );
    expect(runner.start().command).toEqual({
      type: 'log',
      fields: { reason: 'vip' },
      loc: { line: 3, column: 3 },
    });
    expect(runner.step(ok).command).toEqual({
      type: 'transfer',
      target: 'extension',
      destination: '1001',
      loc: { line: 4, column: 3 },
    });
  });

  it('`within` and `now` read the clock the host sends', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Hours"
          answers "100"
          if within "business-hours" and now.weekday == 1
            say "open at {now.hour}:{now.minute} on {today}"
          else
            say "closed"
          hangup
      `),
    );
    expect(runner.flow.meta.calendars).toEqual(['business-hours']);
    expect(runner.start().command).toMatchObject({
      parts: [{ text: 'open at ' }, { value: 10 }, { text: ':' }, { value: 30 }, { text: ' on 2025-01-06' }],
    });
    runner.dispose();
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Hours"
          answers "100"
          if within "business-hours"
            say "open"
          else
            say "closed"
          hangup
      `),
    );
    runner.clock = { ...runner.clock, open: { 'business-hours': false } };
    expect(runner.start().command).toMatchObject({ parts: [{ text: 'closed' }] });
  });
});
