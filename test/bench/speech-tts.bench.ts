/**
 * Speech synthesis cost per prompt of the reference scenario: cold (espeak-ng | sox), cached in
 * memory, cached on disk (a new process), against the cost of spawning a do-nothing process
 * measured in the same run. `npm run bench -- speech-tts`
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpeechPart } from '../../language/compiled-format.ts';
import { EspeakTts } from '../../runtime/speech/espeak-tts.ts';
import { renderSpeech } from '../../runtime/speech/render-speech.ts';
import type { SpeechLang } from '../../runtime/speech/speech-language.ts';

const text = (t: string): SpeechPart => ({ kind: 'text', text: t });

const PROMPTS: { name: string; lang: SpeechLang; parts: SpeechPart[]; ewtMinutes?: number }[] = [
  { name: 'greeting', lang: 'ru', parts: [text('Добрый день, компания «АВС Интернет», спасибо за звонок.')] },
  {
    name: 'menu',
    lang: 'ru',
    parts: [
      text(
        'Если Вы хотите получить техническую поддержку, нажмите 1. Если Вы желаете получить консультацию ' +
          'по общим вопросам, нажмите 2. Если Вы хотите получить информацию о состоянии своего счета, ' +
          'нажмите 3. Сделайте свой выбор, пожалуйста.',
      ),
    ],
  },
  {
    name: 'busy',
    lang: 'ru',
    ewtMinutes: 0.5,
    parts: [
      text('Все операторы на линии заняты. Приблизительное время ожидания для соединения '),
      { kind: 'ewt' },
      text(' мин.'),
    ],
  },
  {
    name: 'contract',
    lang: 'ru',
    parts: [text('Наберите, пожалуйста, цифровой номер вашего договора и нажмите клавишу «#».')],
  },
  {
    name: 'balance',
    lang: 'ru',
    parts: [text('На вашем личном счету '), { kind: 'money', amount: 50, currency: 'UAH' }, text('.')],
  },
  {
    name: 'balance-uk',
    lang: 'uk',
    parts: [text('На вашому особовому рахунку '), { kind: 'money', amount: 50, currency: 'UAH' }, text('.')],
  },
];

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

function spawnTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('true');
    child.once('error', reject);
    child.once('close', () => resolve());
  });
}

export async function run(_args: string[]): Promise<void> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'callflow-bench-tts-'));
  try {
    const spawns: number[] = [];
    for (let i = 0; i < 7; i++) spawns.push((await timed(spawnTrue))[1]);
    const baseline = spawns.sort((a, b) => a - b)[3];
    console.log(`baseline: spawn \`true\` ${baseline.toFixed(2)} ms (median of 7)`);
    console.log('prompt       chars  audio ms   cold ms (×spawn)   memory ms   disk ms (new process)');
    const tts = new EspeakTts({ cacheDir });
    for (const prompt of PROMPTS) {
      const spoken = renderSpeech(prompt.parts, prompt.lang, { ewtMinutes: prompt.ewtMinutes });
      const [result, cold] = await timed(() => tts.synthesize(spoken, prompt.lang));
      const [, memory] = await timed(() => tts.synthesize(spoken, prompt.lang));
      const [, disk] = await timed(() => new EspeakTts({ cacheDir }).synthesize(spoken, prompt.lang));
      console.log(
        `${prompt.name.padEnd(12)} ${String([...spoken].length).padStart(5)}  ${String(result.durationMs).padStart(8)}` +
          `   ${cold.toFixed(1).padStart(7)} (×${(cold / baseline).toFixed(1)})` +
          `   ${memory.toFixed(3).padStart(9)}   ${disk.toFixed(2).padStart(7)}`,
      );
    }
    console.log('stats', tts.stats());
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
