import type { MeasurementComponent } from '../db/schema.js';

export interface DemoMeasurementType {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  components: MeasurementComponent[];
  clientMayEnter: boolean;
}

const single = (label: string, min: number, max: number): MeasurementComponent[] => [{ key: 'value', label, min, max }];

/** The measurement types ("meetsoorten") both demo organisations use, in display order. */
export const demoMeasurementTypes: readonly DemoMeasurementType[] = [
  {
    code: 'bloeddruk',
    label: 'Bloeddruk',
    unit: 'mmHg',
    decimals: 0,
    components: [
      { key: 'systolic', label: 'Bovendruk (systolisch)', min: 50, max: 250 },
      { key: 'diastolic', label: 'Onderdruk (diastolisch)', min: 30, max: 150 },
    ],
    clientMayEnter: true,
  },
  { code: 'gewicht', label: 'Gewicht', unit: 'kg', decimals: 1, components: single('Gewicht', 20, 300), clientMayEnter: true },
  { code: 'temperatuur', label: 'Temperatuur', unit: '°C', decimals: 1, components: single('Temperatuur', 34, 43), clientMayEnter: true },
  { code: 'pols', label: 'Pols', unit: 'slagen/min', decimals: 0, components: single('Hartslag', 30, 220), clientMayEnter: true },
  { code: 'bloedsuiker', label: 'Bloedsuiker', unit: 'mmol/L', decimals: 1, components: single('Glucose', 1, 35), clientMayEnter: true },
  {
    code: 'saturatie',
    label: 'Zuurstofsaturatie',
    unit: '%',
    decimals: 0,
    components: single('Saturatie', 50, 100),
    clientMayEnter: false,
  },
  {
    code: 'pijnscore',
    label: 'Pijnscore',
    unit: 'score',
    decimals: 0,
    components: single('Pijn (0 = geen, 10 = ergst denkbaar)', 0, 10),
    clientMayEnter: true,
  },
];
