// Moved to src/kiosk/passage-history.ts (plain TS, no DOM); re-exported for existing imports.
export * from '../../kiosk/passage-history';
