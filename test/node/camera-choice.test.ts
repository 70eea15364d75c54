import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRemembered, pickMainRearCamera } from '../../src/elements/shared/controllers/camera-choice';

describe('pickMainRearCamera', () => {
  it('capabilities first: rear, continuous focus and torch beat a fixed-focus rear module', () => {
    assert.equal(pickMainRearCamera([
      { deviceId: 'front', label: '', facingMode: ['user'], focusMode: ['continuous'] },
      { deviceId: 'uw', label: '', facingMode: ['environment'], focusMode: ['none'] },
      { deviceId: 'main', label: '', facingMode: ['environment'], focusMode: ['manual', 'continuous'], torch: true },
    ]), 'main');
  });

  it('iPhone labels: "Back Camera", not the ultra-wide or the telephoto; virtual devices after it', () => {
    const cams = ['Front Camera', 'Back Ultra Wide Camera', 'Back Telephoto Camera', 'Back Triple Camera', 'Back Dual Wide Camera', 'Back Camera'].map((label, i) => ({ deviceId: `d${i}`, label }));
    assert.equal(pickMainRearCamera(cams), 'd5');
    assert.equal(pickMainRearCamera(cams.filter((c) => c.deviceId !== 'd5')), 'd3');
  });

  it('Android labels: the lowest camera2 index facing back', () => {
    assert.equal(pickMainRearCamera([
      { deviceId: 'a', label: 'camera2 1, facing front' },
      { deviceId: 'b', label: 'camera2 2, facing back' },
      { deviceId: 'c', label: 'camera2 0, facing back' },
      { deviceId: 'd', label: 'camera2 3, facing back' },
    ]), 'c');
  });

  it('Vietnamese labels and unlabelled devices: undefined when nothing says rear', () => {
    assert.equal(pickMainRearCamera([{ deviceId: 'x', label: 'Camera sau' }, { deviceId: 'y', label: 'Camera trước' }]), 'x');
    assert.equal(pickMainRearCamera([{ deviceId: 'x', label: '' }, { deviceId: 'y', label: 'Integrated Webcam' }]), undefined);
    assert.equal(pickMainRearCamera([]), undefined);
  });
});

describe('parseRemembered', () => {
  it('accepts what the controller writes, nothing else', () => {
    assert.deepEqual(parseRemembered('{"deviceId":"abc","by":"officer"}'), { deviceId: 'abc', by: 'officer' });
    for (const raw of [null, '', 'abc', '{"deviceId":"","by":"auto"}', '{"deviceId":"a","by":"x"}', '[1]']) assert.equal(parseRemembered(raw), undefined, String(raw));
  });
});
