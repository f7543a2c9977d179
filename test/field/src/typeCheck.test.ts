import { expect } from 'chai';
import { field } from './support/field.js';
import { type Resolution, typeCheck } from './support/typeCheck.js';

const RESOLUTIONS: readonly { readonly resolution: Resolution; readonly title: string }[] = [
  { resolution: 'node16-esm', title: 'as an ES module (.mts) with module/moduleResolution node16' },
  { resolution: 'node16-cjs', title: 'as CommonJS (.cts) with module/moduleResolution node16' },
  { resolution: 'bundler', title: 'with moduleResolution bundler (with the Lambda handler)' },
];

describe('the README example in a project that installed the tarballs with npm', () => {
  for (const { resolution, title } of RESOLUTIONS) {
    it(`type-checks ${title}`, async () => {
      const { ok, story } = await typeCheck(field().consumer, resolution);
      expect(ok, story).to.equal(true);
    });
  }
});
