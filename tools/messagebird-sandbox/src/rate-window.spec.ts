import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('admits `cap` requests in any one-second window, measured from the oldest admitted', () => {
    const window = new RateWindow(3);
    expect(window.admit(0).admitted).toBe(true);
    expect(window.admit(100).admitted).toBe(true);
    expect(window.admit(200).admitted).toBe(true);
    expect(window.admit(300)).toEqual({ admitted: false, retryInMs: 700 });
    expect(window.admit(999)).toEqual({ admitted: false, retryInMs: 1 });
    expect(window.admit(1000).admitted).toBe(true);
    expect(window.admit(1050)).toEqual({ admitted: false, retryInMs: 50 });
    expect(window.admit(1100).admitted).toBe(true);
  });

  it('does not count refused requests against the window', () => {
    const window = new RateWindow(1);
    expect(window.admit(0).admitted).toBe(true);
    for (let t = 1; t < 1000; t += 10) expect(window.admit(t).admitted).toBe(false);
    expect(window.admit(1000).admitted).toBe(true);
  });
});
