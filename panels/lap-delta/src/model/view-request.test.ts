import { DEFAULT_OPTIONS } from '../types';
import { viewRequest } from './view-request';

describe('viewRequest', () => {
  it('replaces variables in every text option, the reference choice included', () => {
    const variables: Record<string, string> = { $ref: 'car-lap', $refcar: '12', $reflap: '4', $ch: 'speed,brake' };
    const replace = (text: string) => text.replace(/\$\w+/g, (name) => variables[name] ?? name);
    expect(
      viewRequest(
        { ...DEFAULT_OPTIONS, reference: '$ref', referenceCar: '$refcar', referenceLap: '$reflap', channels: '$ch' },
        replace,
      ),
    ).toEqual({
      reference: 'car-lap',
      referenceCar: '12',
      referenceLap: 4,
      referenceSession: undefined,
      compare: 'all',
      channels: ['speed', 'brake'],
      zones: 5,
    });
  });

  it('falls back to the car’s best lap for an unknown choice', () => {
    expect(viewRequest({ ...DEFAULT_OPTIONS, reference: 'fastest' }, (t) => t).reference).toBe('car-best');
  });
});
