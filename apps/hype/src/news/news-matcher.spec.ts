import { NewsMatcher } from './news-matcher';

const markets = [
  { id: '1', question: 'Will Bitcoin hit a new all-time high by June 30?' },
  { id: '2', question: 'Will Bitcoin hit a new all-time high by July 31?' },
  { id: '3', question: 'Will Ethereum hit a new all-time high by June 30?' },
  { id: '4', question: 'Will Gavin Newsom announce a 2028 presidential run by May 3?' },
  { id: '5', question: 'Bitcoin?' },
];

describe('NewsMatcher', () => {
  const matcher = new NewsMatcher(markets);

  it('should match every market of an event whose words the item holds, whatever the date', () => {
    expect(matcher.match('Will Bitcoin hit a new all-time high by June 30? Momentum builds')).toEqual(['1', '2']);
    expect(matcher.match('Bitcoin hits new all time high', 'Traders cheer')).toEqual([]);
    expect(matcher.match('Bitcoin could HIT a NEW all-time HIGH this week')).toEqual(['1', '2']);
  });

  it('should need every keyword, and look into summary and categories too', () => {
    expect(matcher.match('Newsom to announce presidential run', 'Gavin said the 2028 campaign starts')).toEqual(['4']);
    expect(matcher.match('Newsom to announce presidential run')).toEqual([]);
    expect(matcher.match('Ethereum hit', 'a new all-time', 'high')).toEqual(['3']);
  });

  it('should never match a market with fewer than two keywords', () => {
    expect(matcher.match('Bitcoin Bitcoin Bitcoin')).toEqual([]);
    expect(new NewsMatcher([]).match('anything')).toEqual([]);
  });
});
