import { describe, expect, it } from 'vitest';
import { callSpeechText, pickChineseVoice } from '../../../renderer/composables/useSpeech.js';

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
