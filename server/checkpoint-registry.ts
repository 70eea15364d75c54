// The demo's checkpoint registry: Hà Nội's gateway checkpoints of September 2021 (23 at first,
// 55 from 21 Sept — /work/shared/NOTES.md §9), each on the road it guards, plus the Bắc Ninh
// checkpoint of the demo kiosks. Names and roads follow the press lists of the time; the
// coordinates are approximate (within a few hundred metres: the road at the city boundary) and
// serve the command view's schematic only. A real deployment loads its own registry
// (POST /admin/checkpoints with lat/lon).
import type { CheckpointInput } from './portal';

export const DEMO_CHECKPOINTS: readonly CheckpointInput[] = [
  { id: 'HN-QL1A-01', name: 'Pháp Vân – Cầu Giẽ (trạm Pháp Vân)', road: 'CT.01 / QL1A', provinceCode: '01', location: 'Hoàng Mai, Hà Nội', lat: 20.9408, lon: 105.8452 },
  { id: 'HN-QL1A-02', name: 'Cầu Giẽ (giáp Hà Nam)', road: 'QL1A', provinceCode: '01', location: 'Phú Xuyên, Hà Nội', lat: 20.6686, lon: 105.9112 },
  { id: 'HN-QL1B-01', name: 'Cầu Phù Đổng (giáp Bắc Ninh)', road: 'QL1A cũ', provinceCode: '01', location: 'Gia Lâm, Hà Nội', lat: 21.0564, lon: 105.9226 },
  { id: 'HN-CT03-01', name: 'Cao tốc Hà Nội – Bắc Giang (Ninh Hiệp)', road: 'QL1 / CT.03', provinceCode: '01', location: 'Gia Lâm, Hà Nội', lat: 21.0848, lon: 105.9501 },
  { id: 'HN-QL5-01', name: 'Quốc lộ 5 (giáp Hưng Yên)', road: 'QL5', provinceCode: '01', location: 'Gia Lâm, Hà Nội', lat: 20.9919, lon: 105.9717 },
  { id: 'HN-CT04-01', name: 'Cao tốc Hà Nội – Hải Phòng (Km 7)', road: 'CT.04', provinceCode: '01', location: 'Gia Lâm, Hà Nội', lat: 20.9741, lon: 105.9578 },
  { id: 'HN-QL18-01', name: 'Quốc lộ 18 (giáp Bắc Ninh)', road: 'QL18', provinceCode: '01', location: 'Sóc Sơn, Hà Nội', lat: 21.2399, lon: 105.9205 },
  { id: 'HN-QL3-01', name: 'Quốc lộ 3 (giáp Thái Nguyên)', road: 'QL3', provinceCode: '01', location: 'Sóc Sơn, Hà Nội', lat: 21.3245, lon: 105.8541 },
  { id: 'HN-CT07-01', name: 'Cao tốc Hà Nội – Thái Nguyên', road: 'CT.07', provinceCode: '01', location: 'Sóc Sơn, Hà Nội', lat: 21.2937, lon: 105.8786 },
  { id: 'HN-QL2-01', name: 'Quốc lộ 2 (giáp Vĩnh Phúc)', road: 'QL2', provinceCode: '01', location: 'Mê Linh, Hà Nội', lat: 21.2177, lon: 105.6994 },
  { id: 'HN-CT05-01', name: 'Cao tốc Nội Bài – Lào Cai (giáp Vĩnh Phúc)', road: 'CT.05', provinceCode: '01', location: 'Mê Linh, Hà Nội', lat: 21.2512, lon: 105.7321 },
  { id: 'HN-QL32-01', name: 'Cầu Trung Hà (giáp Phú Thọ)', road: 'QL32', provinceCode: '01', location: 'Ba Vì, Hà Nội', lat: 21.2341, lon: 105.3585 },
  { id: 'HN-QL21-01', name: 'Quốc lộ 21 (Hòa Lạc, giáp Hòa Bình)', road: 'QL21', provinceCode: '01', location: 'Thạch Thất, Hà Nội', lat: 20.9859, lon: 105.4996 },
  { id: 'HN-DLTL-01', name: 'Đại lộ Thăng Long (Km 29)', road: 'Đại lộ Thăng Long', provinceCode: '01', location: 'Quốc Oai, Hà Nội', lat: 21.0015, lon: 105.5687 },
  { id: 'HN-QL6-01', name: 'Quốc lộ 6 (Xuân Mai, giáp Hòa Bình)', road: 'QL6', provinceCode: '01', location: 'Chương Mỹ, Hà Nội', lat: 20.8953, lon: 105.5789 },
  { id: 'HN-QL21B-01', name: 'Quốc lộ 21B (giáp Hà Nam)', road: 'QL21B', provinceCode: '01', location: 'Ứng Hòa, Hà Nội', lat: 20.6641, lon: 105.7793 },
  { id: 'BN-QL18-02', name: 'Chốt QL18 – Quế Võ', road: 'QL18', provinceCode: '27', location: 'Quế Võ, Bắc Ninh', lat: 21.1455, lon: 106.1506 },
];
