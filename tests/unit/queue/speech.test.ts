import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSpeechText, pickChineseVoice, useSpeech } from '../../../renderer/composables/useSpeech.js';

describe('spoken calls', () => {
  it('reads the ticket digits one by one and the counter as a number', () => {
    expect(callSpeechText('A012', 3)).toBe('请A零一二号，到3号窗口办理');
    expect(callSpeechText('C1000', 12)).toBe('请C一零零零号，到12号窗口办理');
  });

  it('prefers a zh-CN voice, then any Chinese voice, else none (the chime plays)', () => {
    const v = (lang: string) => ({ lang, name: lang }) as SpeechSynthesisVoice;
    expect(pickChineseVoice([v('en-US'), v('zh-TW'), v('zh-CN')])?.lang).toBe('zh-CN');
    expect(pickChineseVoice([v('en-US'), v('zh-HK')])?.lang).toBe('zh-HK');
    expect(pickChineseVoice([v('en-US')])).toBeNull();
  });
});

/** A machine's speech engine and sound card as the browser exposes them, recording what was played. */
function fakeMachine(langs: string[]) {
  const spoken: Array<{ text: string; lang: string; volume: number }> = [];
  const tones: number[] = [];
  class Utterance {
    voice: SpeechSynthesisVoice | null = null;
    lang = '';
    volume = 1;
    rate = 1;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(public text: string) {}
  }
  const synth = {
    getVoices: () => langs.map((lang) => ({ lang, name: lang }) as SpeechSynthesisVoice),
    speak(u: Utterance) {
      if (u.text) spoken.push({ text: u.text, lang: u.lang, volume: u.volume });
      setTimeout(() => u.onend?.(), 10);
    },
  };
  const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
  class Audio {
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createGain() {
      return { gain: param, connect: (d: unknown) => d };
    }
    createOscillator() {
      const osc = { frequency: { value: 0 }, connect: (g: unknown) => g, start: () => tones.push(osc.frequency.value), stop() {} };
      return osc;
    }
  }
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  vi.stubGlobal('AudioContext', Audio);
  return { spoken, tones };
}

const voice = { enabled: true, repeat: 2, volume: 0.7, rate: 0.85, chime: true };

describe('announcing a call', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('says the call twice with the zh-CN voice at the configured volume', async () => {
    const machine = fakeMachine(['en-US', 'zh-CN']);
    const { announce } = useSpeech();
    await announce(callSpeechText('A012', 3), voice);
    expect(machine.spoken).toEqual([
      { text: '请A零一二号，到3号窗口办理', lang: 'zh-CN', volume: 0.7 },
      { text: '请A零一二号，到3号窗口办理', lang: 'zh-CN', volume: 0.7 },
    ]);
    expect(machine.tones).toEqual([]);
  });

  it('plays the 叮咚 chime instead when the machine has no Chinese voice, unless the chime is switched off', async () => {
    vi.useFakeTimers();
    const machine = fakeMachine(['en-US']);
    const { announce } = useSpeech();
    const done = announce(callSpeechText('A012', 3), voice);
    await vi.advanceTimersByTimeAsync(3000);
    await done;
    expect(machine.spoken).toEqual([]);
    expect(machine.tones).toEqual([880, 660, 880, 660]); // two tones, said twice
    await announce('请A零一三号，到3号窗口办理', { ...voice, chime: false });
    await announce('请A零一四号，到3号窗口办理', { ...voice, enabled: false });
    expect(machine.tones).toHaveLength(4);
  });
});
