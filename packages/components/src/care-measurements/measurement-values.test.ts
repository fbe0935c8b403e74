import { expect } from '@open-wc/testing';
import { formatReading, type MeasurementType } from './measurement-values.js';

const type = (code: string, label: string, unit: string, keys: string[], decimals = 0) =>
  ({
    code,
    label,
    unit,
    decimals,
    clientMayEnter: true,
    components: keys.map((key) => ({ key, label, min: 0, max: 300 })),
  }) as MeasurementType;

describe('a measurement as the widget writes it', () => {
  it('gives the unit, except where the type’s name already says it ("Pijnscore 4", not "4 score")', () => {
    expect(formatReading(type('pain', 'Pijnscore', 'score', ['value']), { value: 4 }, 'nl')).to.equal('4');
    expect(formatReading(type('weight', 'Gewicht', 'kg', ['value'], 1), { value: 71.5 }, 'nl')).to.equal('71,5 kg');
    expect(formatReading(type('bp', 'Bloeddruk', 'mmHg', ['systolic', 'diastolic']), { systolic: 128, diastolic: 82 }, 'nl')).to.equal(
      '128/82 mmHg',
    );
  });
});
