// Health advice shown with the QR code (on <ck-pass> and in the form's confirmation) when the
// declaration carries symptoms, a contact with a case or a positive test. The code is never
// withheld: it records a declaration, and the officer at the checkpoint decides.

import { html, nothing, type TemplateResult } from 'lit';
import type { Declaration, Symptom } from '../../core/declaration';
import type { Catalogs, Lang } from './localize';

export type HealthFlag = 'symptoms' | 'contact' | 'positive';

/** What in the declaration calls for advice (empty: nothing). */
export function healthFlags(health: Declaration['health'] | undefined): HealthFlag[] {
  if (!health) return [];
  const flags: HealthFlag[] = [];
  if (health.symptoms.length > 0) flags.push('symptoms');
  if (health.contactWithCase) flags.push('contact');
  if (health.testResult?.result === 'positive') flags.push('positive');
  return flags;
}

export interface HealthAdviceMessages {
  title: string;
  declared: (items: string) => string;
  symptoms: (names: string) => string;
  contact: string;
  positive: string;
  symptomNames: Record<Symptom, string>;
  stillValid: string;
  atCheckpoint: string;
  call: string;
  positiveAdvice: string;
}

/** The Ministry of Health's COVID-19 hotline (Đường dây nóng Bộ Y tế). */
export const HEALTH_HOTLINE = '1900 9095';

export const healthAdvice: Catalogs<HealthAdviceMessages> = {
  vi: {
    title: 'Lưu ý sức khỏe',
    declared: (items) => `Bạn đã khai báo: ${items}.`,
    symptoms: (names) => `có triệu chứng (${names})`,
    contact: 'có tiếp xúc với ca bệnh',
    positive: 'kết quả xét nghiệm dương tính',
    symptomNames: {
      fever: 'sốt',
      cough: 'ho',
      breath: 'khó thở',
      taste: 'mất vị giác hoặc khứu giác',
      'sore-throat': 'đau họng',
      fatigue: 'mệt mỏi',
    },
    stillValid: 'Mã QR khai báo vẫn được cấp và dùng được: nó ghi lại điều bạn khai báo.',
    atCheckpoint:
      'Tại chốt kiểm soát, cán bộ sẽ đối chiếu tờ khai và có thể chuyển bạn sang kiểm tra y tế (đo thân nhiệt, xét nghiệm) trước khi quyết định cho qua.',
    call: `Trước khi đi, hãy gọi trạm y tế phường/xã nơi bạn ở hoặc đường dây nóng Bộ Y tế ${HEALTH_HOTLINE} để được hướng dẫn; đeo khẩu trang và hạn chế tiếp xúc.`,
    positiveAdvice: 'Với kết quả dương tính, hãy ở yên tại chỗ, báo ngay cho trạm y tế phường/xã và chỉ di chuyển theo hướng dẫn của cơ quan y tế.',
  },
  en: {
    title: 'Health advice',
    declared: (items) => `You declared: ${items}.`,
    symptoms: (names) => `symptoms (${names})`,
    contact: 'contact with a confirmed case',
    positive: 'a positive test result',
    symptomNames: {
      fever: 'fever',
      cough: 'cough',
      breath: 'difficulty breathing',
      taste: 'loss of taste or smell',
      'sore-throat': 'sore throat',
      fatigue: 'fatigue',
    },
    stillValid: 'Your declaration QR code is issued and can be used: it records what you declared.',
    atCheckpoint:
      'At the checkpoint the officer compares your declaration and may refer you for a health check (temperature, test) before deciding whether you may go on.',
    call: `Before you travel, call the health station of your ward/commune or the Ministry of Health hotline ${HEALTH_HOTLINE} for advice; wear a mask and limit contact.`,
    positiveAdvice: 'With a positive result, stay where you are, tell your ward/commune health station at once, and travel only as the health authorities direct.',
  },
};

/** The advice block, or nothing when the declaration carries no health flag. */
export function renderHealthAdvice(health: Declaration['health'] | undefined, lang: Lang, part = 'health-advice'): TemplateResult | typeof nothing {
  const flags = healthFlags(health);
  if (!health || flags.length === 0) return nothing;
  const m = healthAdvice[lang];
  const items = flags.map((flag) =>
    flag === 'symptoms' ? m.symptoms(health.symptoms.map((s) => m.symptomNames[s]).join(', ')) : flag === 'contact' ? m.contact : m.positive,
  );
  const tel = HEALTH_HOTLINE.replace(/\s/g, '');
  // A note, not a region landmark: the confirmation and every pass of a family show it at once,
  // and landmarks must have unique names (axe landmark-unique).
  return html`<div class="health-advice" part=${part} role="note" aria-labelledby="health-advice-title">
    <h3 id="health-advice-title"><span aria-hidden="true">⚕</span> ${m.title}</h3>
    <p>${m.declared(items.join('; '))} ${m.stillValid}</p>
    <p>${m.atCheckpoint}</p>
    ${flags.includes('positive') ? html`<p><strong>${m.positiveAdvice}</strong></p>` : nothing}
    <p>${m.call} <a href="tel:${tel}">${HEALTH_HOTLINE}</a></p>
  </div>`;
}
