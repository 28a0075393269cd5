import { canRead, canWrite, type KnownCourse } from './course-access';

const referralId = '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10';
const state = (patch: Partial<KnownCourse> = {}): KnownCourse => ({
  referralId,
  municipalityCode: '101',
  providerId: '12345674',
  status: 'RECEIVED',
  startDate: null,
  endDate: null,
  ...patch,
});

describe('course access', () => {
  it('lets the provider write and read, the municipality read, nobody else', () => {
    const course = state();
    expect(canWrite({ sub: 'p', role: 'provider', org: '12345674' }, course)).toBe(true);
    expect(canWrite({ sub: 'j', role: 'jobcenter', org: '101' }, course)).toBe(false);
    expect(canRead({ sub: 'j', role: 'jobcenter', org: '101' }, course)).toBe(true);
    expect(canRead({ sub: 'j', role: 'jobcenter', org: '147' }, course)).toBe(false);
    expect(canRead({ sub: 'p', role: 'provider', org: '87654321' }, course)).toBe(false);
    expect(canRead({ sub: 'a', role: 'analyst', org: '101' }, course)).toBe(false);
    expect(canWrite({ sub: 'x', role: 'admin', org: '' }, course)).toBe(true);
  });
});
