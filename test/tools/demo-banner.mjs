// Printed by `npm run demo` before the server starts: where each demo page lives.
const port = Number(process.env.PORT) || 5173;
const base = `http://127.0.0.1:${port}`;
console.log(`
Checkpoint Kit demo (production build, demo backend under /api, demo-only keys):
  citizen  ${base}/          declare a movement, get and keep the QR pass
  kiosk    ${base}/kiosk/    the officer's checkpoint (camera, upload or manual code; works offline)
  ward     ${base}/ward/     a ward's arrivals/departures and a person's route
`);
