import { ref } from 'vue';

const DIGITS = '零一二三四五六七八九';

/**
 * How a call is spoken. The ticket number is read digit by digit (A012 → "A零一二"): Chinese voices
 * read "012" inconsistently ("十二", "零十二"), while a hall hears "零一二" the same way every time.
 * The counter number is a plain number ("3 号窗口" → "三号窗口"), which every voice reads well.
 */
export function callSpeechText(code: string, counterNumber: number): string {
  const letters = code.replace(/\d+$/, '');
  const digits = [...code.slice(letters.length)].map((d) => DIGITS[Number(d)]).join('');
  return `请${letters}${digits}号，到${counterNumber}号窗口办理`;
}

/** A012 → "A零一二": a ticket number the way the kiosk says it back to the resident. */
export function ticketSpeechText(code: string): string {
  const letters = code.replace(/\d+$/, '');
  return letters + [...code.slice(letters.length)].map((d) => DIGITS[Number(d)]).join('');
}

export interface VoiceOptions {
  enabled: boolean;
  repeat: number;
  volume: number;
  rate: number;
  chime: boolean;
}

/** A Mandarin voice if the machine has one (zh-CN first, then any zh). */
export function pickChineseVoice(voices: SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  return voices.find((v) => /^zh[-_]CN/i.test(v.lang)) ?? voices.find((v) => /^zh/i.test(v.lang)) ?? null;
}

/** A voice for the screen's language: Mandarin as above, or an English one for English screens. */
export function pickVoice(voices: SpeechSynthesisVoice[], lang: 'zh' | 'en'): SpeechSynthesisVoice | null {
  if (lang === 'zh') return pickChineseVoice(voices);
  return voices.find((v) => /^en[-_]/i.test(v.lang) || /^en$/i.test(v.lang)) ?? null;
}

let audio: AudioContext | null = null;

/** Two tones, "叮咚", when there is no Chinese voice: people look up at the screen. */
function playChime(volume: number): Promise<void> {
  const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctx) return Promise.resolve();
  audio ??= new Ctx();
  const ctx = audio;
  const start = ctx.currentTime + 0.05;
  [880, 660].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.45);
    gain.gain.exponentialRampToValueAtTime(Math.max(0.001, volume * 0.6), start + i * 0.45 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.45 + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + i * 0.45);
    osc.stop(start + i * 0.45 + 0.65);
  });
  return new Promise((resolve) => setTimeout(resolve, 1200));
}

/**
 * Spoken announcements (Web Speech API) with a chime as fallback. Browsers refuse sound until the
 * page has had a user gesture, so the screen calls `unlock()` from a one-time tap.
 */
export function useSpeech() {
  const unlocked = ref(false);
  const synth = (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;

  function unlock(): void {
    unlocked.value = true;
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (Ctx) {
      audio ??= new Ctx();
      void audio.resume();
    }
    // An empty utterance inside the gesture lets later ones play without one.
    if (synth && typeof SpeechSynthesisUtterance !== 'undefined') synth.speak(new SpeechSynthesisUtterance(''));
  }

  function speakOnce(text: string, voice: SpeechSynthesisVoice, opts: VoiceOptions): Promise<void> {
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.volume = opts.volume;
      u.rate = opts.rate;
      u.onend = () => resolve();
      u.onerror = () => resolve();
      synth!.speak(u);
      // Some engines never fire onend; do not hold the next call forever.
      setTimeout(resolve, 8000);
    });
  }

  /** Says `text` opts.repeat times (or chimes), one announcement after another; Mandarin unless `lang` is 'en'. */
  let chain: Promise<void> = Promise.resolve();
  function announce(text: string, opts: VoiceOptions, lang: 'zh' | 'en' = 'zh'): Promise<void> {
    if (!opts.enabled) return chain;
    chain = chain.then(async () => {
      const voice = synth ? pickVoice(synth.getVoices(), lang) : null;
      for (let i = 0; i < opts.repeat; i++) {
        if (voice) await speakOnce(text, voice, opts);
        else if (opts.chime) await playChime(opts.volume);
      }
    });
    return chain;
  }

  return { unlocked, unlock, announce };
}
