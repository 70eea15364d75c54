/// <reference types="node" />
// size-citizen: what the citizen page costs a person on a slow phone connection. The production
// demo build is served (vite preview), the page loaded cold in Chromium; every response's file is
// gzipped here (level 9) and summed. Then one declaration per province pair is made ready by
// choosing its provinces (the form loads their ward lists on demand): the unit files it fetched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { previewDemo } from '../tools/demo-server';
import type { BenchContext, BenchSection } from './types';

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => Math.round(n / 102.4) / 10;

export async function measureCitizenSize(context: BenchContext): Promise<BenchSection> {
  const server = await previewDemo({ tempPrefix: 'ck-size-citizen-' });
  const page = await context.browser.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === server.url && !url.pathname.startsWith('/api/')) fetched.push(url.pathname);
  });
  const fileOf = (path: string) => readFileSync(join(server.outDir, path === '/' ? 'index.html' : path));
  try {
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const firstLoad = [...new Set(fetched)].filter((p) => !p.endsWith('citizen-sw.js') && !p.includes('workbox'));
    const pageGz = firstLoad.reduce((sum, p) => sum + gz(fileOf(p)), 0);
    const rows: BenchSection['rows'] = [{ what: 'citizen page, first load (cold, no SW yet)', files: firstLoad.length, 'KB gz': kb(pageGz) }];
    // The provinces with the most units in the catalogue, and the reference route.
    const index = JSON.parse(readFileSync(join(server.outDir, 'units/2021-07/index.json'), 'utf8')) as {
      provinces: { code: string; name: string; file: string; units: number }[];
    };
    const sizes = index.provinces.map((p) => ({ ...p, gz: gz(readFileSync(join(server.outDir, 'units/2021-07', p.file))) }));
    const largest = [...sizes].sort((a, b) => b.units - a.units).slice(0, 2);
    for (const [from, to] of [['01', '27'], [largest[0]?.code ?? '01', largest[1]?.code ?? '27']] as const) {
      // A fresh page each time: what one person's declaration loads, index included.
      const fresh = await context.browser.newPage();
      const units: string[] = [];
      fresh.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/units/')) units.push(url.pathname);
      });
      try {
        await fresh.goto(`${server.url}/`, { waitUntil: 'networkidle' });
        const loaded = Promise.all([from, to].map((code) => fresh.waitForResponse((r) => r.url().endsWith(`/units/2021-07/${code}.json`))));
        await fresh.evaluate(
          ([o, d]) => {
            const form = document.querySelector('ck-declaration-form');
            if (form) form.prefill = { origin: { provinceCode: o, unitCode: '', address: '' }, destination: { provinceCode: d, unitCode: '', address: '' } };
          },
          [from, to],
        );
        await loaded;
      } finally {
        await fresh.close();
      }
      const unitFiles = [...new Set(units)];
      const unitGz = unitFiles.reduce((sum, p) => sum + gz(fileOf(p)), 0);
      const name = (code: string) => sizes.find((s) => s.code === code);
      rows.push({
        what: `units for one declaration ${name(from)?.name} (${name(from)?.units} units) → ${name(to)?.name} (${name(to)?.units})`,
        files: unitFiles.map((f) => f.split('/').pop()).join(' + '),
        'KB gz': kb(unitGz),
      });
    }
    return {
      id: 'size-citizen',
      title: 'citizen page bytes (production demo build, gzip -9 of each fetched file)',
      rows,
      notes: [
        `first load files: ${firstLoad.join(', ')}`,
        `largest provinces in the 2021-07 catalogue: ${largest.map((p) => `${p.name} ${p.units} units, ${kb(p.gz)} KB gz`).join('; ')} (no province has 600+ units in this catalogue)`,
      ],
    };
  } finally {
    await page.close();
    await server.close();
  }
}
