import { describe, expect, it } from 'vitest';
import { effectiveNav, navKeyForPath } from './nav';

describe('navigation keys', () => {
  it('keeps the server order and ignores unknown keys', () => {
    expect(effectiveNav({ nav: ['home', 'alerts', 'no-such-page', 'students'] })).toEqual([
      'home',
      'alerts',
      'students',
    ]);
  });

  it('adds screening pages granted by `can` that nav does not list yet', () => {
    expect(effectiveNav({ nav: ['home', 'my-profile'], can: ['self.read', 'screening.take'] })).toEqual([
      'home',
      'my-profile',
      'my-screenings',
    ]);
    expect(effectiveNav({ nav: ['home'], can: ['tier.read', 'campaign.read', 'org.read'] })).toEqual([
      'home',
      'class-tiers',
      'campaigns',
    ]);
    expect(effectiveNav({ nav: ['home', 'alerts'], can: ['alert.read'] })).toEqual(['home', 'alerts']);
  });

  it('maps paths to the page that contains them', () => {
    expect(navKeyForPath('/my/screenings/abc')).toBe('my-screenings');
    expect(navKeyForPath('/screening/results/xyz')).toBe('screening-results');
    expect(navKeyForPath('/campaigns/new')).toBe('campaigns');
    expect(navKeyForPath('/me')).toBe('my-profile');
    expect(navKeyForPath('/compliance')).toBe('compliance');
  });
});
