// Moved to src/kiosk/checkpoint-rules.ts (plain TS, no DOM); re-exported for existing imports.
export * from '../../kiosk/checkpoint-rules';
