import { fillTemplate } from '../http/messages.js';
import type { Locale } from '../http/locale.js';

/** Text in both languages: job reports are read later, by whoever asks, in their own language. */
export type Localized = Record<Locale, string>;

export const JOB_MESSAGES = {
  interrupted: {
    'zh-CN': '任务因服务重启或停止而中断，没有导入任何数据。请重新上传文件。',
    en: 'The job was interrupted by a server restart or shutdown; nothing was applied. Please upload the file again.',
  },
  internal: {
    'zh-CN': '处理时服务器出现错误，没有导入任何数据。请稍后重试；如仍失败，请把任务编号 {jobId} 告诉管理员。',
    en: 'The server failed while processing; nothing was applied. Please try again later; if it keeps failing, give the administrator job reference {jobId}.',
  },
} satisfies Record<string, Localized>;

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return fillTemplate(template, params);
}

export function localized(message: Localized, params: Record<string, string | number> = {}): Localized {
  return { 'zh-CN': fill(message['zh-CN'], params), en: fill(message.en, params) };
}
