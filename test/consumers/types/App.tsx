// React 19 consumer: the kit's tags typed through checkpoint-kit/react; form → pass wired.
import { useState } from 'react';
import type {} from 'checkpoint-kit/react';
import 'checkpoint-kit/elements/ck-declaration-form.js';
import 'checkpoint-kit/elements/ck-pass.js';

export function App() {
  const [qrText, setQrText] = useState('');
  return (
    <main>
      <ck-declaration-form api-base="/api" units-src="/units.json" onck-pass-issued={(event) => setQrText(event.detail.qrText)} />
      <ck-pass pass={qrText} theme="dark" last-kept onck-pass-kept={(event) => console.log(event.detail.kept)} />
      {/* @ts-expect-error — the detail of ck-pass-issued has no such field */}
      <ck-declaration-form onck-pass-issued={(event) => setQrText(event.detail.nothing)} />
      {/* @ts-expect-error — pass is a string property */}
      <ck-pass pass={42} />
    </main>
  );
}
