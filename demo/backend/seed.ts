// Sample data so every demo page shows something on first open: a few passes between Hà Nội
// wards (00070 Hàng Trống, 00001 Phúc Xá, 00157 Nghĩa Đô) and Bắc Ninh communes (09289 Ngọc Xá,
// 09163 Vũ Ninh), and passages at two checkpoints earlier today. All people are fictitious.
import { addDays, vietnamDate } from '../../src/core/dates';
import type { Declaration } from '../../src/core/declaration';
import type { OfficerDecision, PassageDirection } from '../../src/core/passage-record';
import type { RiskArea } from '../../src/core/trust-bundle';

export interface SeedPassage {
  /** Index into `declarations`. */
  pass: number;
  /** Index into `devices`. */
  device: number;
  direction: PassageDirection;
  minutesAgo: number;
  decision: OfficerDecision;
  /** Record the manual code instead of the pass id (the QR would not scan). */
  manual?: boolean;
}

export interface SeedPlan {
  declarations: Declaration[];
  devices: { deviceId: string; checkpointId: string; label: string; officerId: string }[];
  passages: SeedPassage[];
  riskAreas: RiskArea[];
}

export function seedPlan(now: Date): SeedPlan {
  const today = vietnamDate(now);
  const trip = { departureDate: today, returnDate: addDays(today, 2) };
  const hn = (unitCode: string, address: string) => ({ provinceCode: '01', unitCode, address });
  const bn = (unitCode: string, address: string) => ({ provinceCode: '27', unitCode, address });
  const declarations: Declaration[] = [
    {
      fullName: 'Nguyễn Thị Minh Khai', idType: 'cccd', idNumber: '001190012345', dateOfBirth: '1990-05-17', gender: 'female',
      phone: '0912345678', origin: hn('00070', '12 Hàng Bạc, Hoàn Kiếm, Hà Nội'),
      destination: bn('09289', 'Khu công nghiệp Quế Võ, Bắc Ninh'), ...trip, purpose: 'work', vehiclePlate: '29A-123.45',
      health: { symptoms: [], contactWithCase: false, testResult: { result: 'negative', date: addDays(today, -1), kind: 'rapid' } },
    },
    {
      fullName: 'Trần Văn Bình', idType: 'cccd', idNumber: '027078004321', dateOfBirth: '1978-11-02', gender: 'male',
      phone: '0983456789', origin: bn('09289', 'Thôn Ngọc Xá, Quế Võ, Bắc Ninh'),
      destination: hn('00070', '5 Lý Quốc Sư, Hoàn Kiếm, Hà Nội'), ...trip, purpose: 'goods', vehiclePlate: '99C-456.78',
      health: { symptoms: ['cough'], contactWithCase: false },
    },
    {
      fullName: 'Lê Hoàng Nam', idType: 'cccd', idNumber: '001201009876', dateOfBirth: '2001-03-09', gender: 'male',
      phone: '0367891234', origin: hn('00001', '3 Phó Đức Chính, Ba Đình, Hà Nội'),
      destination: bn('09163', 'Phường Vũ Ninh, TP Bắc Ninh'), ...trip, purpose: 'family',
      health: { symptoms: [], contactWithCase: true, testResult: { result: 'negative', date: today, kind: 'pcr' } },
    },
    {
      fullName: 'Phạm Thu Hà', idType: 'cccd', idNumber: '001195006543', dateOfBirth: '1995-08-21', gender: 'female',
      phone: '0701234567', origin: hn('00070', '40 Hàng Trống, Hoàn Kiếm, Hà Nội'),
      destination: hn('00157', '18 Hoàng Quốc Việt, Cầu Giấy, Hà Nội'), ...trip, purpose: 'medical',
      health: { symptoms: [], contactWithCase: false },
    },
  ];
  const devices = [
    { deviceId: '01936b1e-5f00-7000-8000-00000000a001', checkpointId: 'HN-QL1A-01', label: 'Chốt QL1A – Pháp Vân', officerId: 'CA-HN-0042' },
    { deviceId: '01936b1e-5f00-7000-8000-00000000b002', checkpointId: 'BN-QL18-02', label: 'Chốt QL18 – Quế Võ', officerId: 'CA-BN-0117' },
  ];
  const passages: SeedPassage[] = [
    { pass: 0, device: 0, direction: 'out', minutesAgo: 150, decision: 'allow' },
    { pass: 0, device: 1, direction: 'in', minutesAgo: 95, decision: 'allow' },
    { pass: 1, device: 1, direction: 'out', minutesAgo: 120, decision: 'allow' },
    { pass: 1, device: 0, direction: 'in', minutesAgo: 60, decision: 'refer' },
    { pass: 2, device: 0, direction: 'out', minutesAgo: 45, decision: 'allow', manual: true },
    { pass: 3, device: 0, direction: 'in', minutesAgo: 20, decision: 'allow' },
  ];
  const riskAreas: RiskArea[] = [
    { unitCode: '09289', level: 'high', since: addDays(today, -5), note: 'Ổ dịch tại khu công nghiệp Quế Võ (demo)' },
    { unitCode: '00157', level: 'medium', since: addDays(today, -2) },
  ];
  return { declarations, devices, passages, riskAreas };
}
