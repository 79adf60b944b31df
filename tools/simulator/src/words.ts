/**
 * Word lists for market questions. A question is "Will <subject> <predicate> by <date>?"; an event
 * groups the markets of one (subject, predicate) pair with different dates, as Polymarket's date
 * ladders do. `kw` are the words X queries and news items use for the subject / predicate.
 */

export interface Term {
  readonly text: string;
  readonly kw: string;
}

export interface Sector {
  readonly slug: string;
  readonly label: string;
  readonly tagId: string;
  readonly subjects: readonly Term[];
  readonly predicates: readonly Term[];
}

const t = (text: string, kw: string): Term => ({ text, kw });

export const SECTORS: readonly Sector[] = [
  {
    slug: 'politics', label: 'Politics', tagId: '2',
    subjects: [
      t('Gavin Newsom', 'newsom'), t('JD Vance', 'vance'), t('Ron DeSantis', 'desantis'), t('Josh Shapiro', 'shapiro'),
      t('Marco Rubio', 'rubio'), t('Pete Buttigieg', 'buttigieg'), t('Gretchen Whitmer', 'whitmer'),
      t('Vivek Ramaswamy', 'ramaswamy'), t('Wes Moore', 'wes moore'), t('Glenn Youngkin', 'youngkin'),
    ],
    predicates: [
      t('announce a 2028 presidential run', 'presidential run'), t('lead a national poll', 'national poll'),
      t('launch a new PAC', 'pac'), t('hold a rally in Iowa', 'iowa rally'), t('publish a memoir', 'memoir'),
      t('testify before Congress', 'testify congress'), t('endorse a Senate candidate', 'senate candidate'),
      t('debate on national TV', 'debate'), t('visit Ukraine', 'ukraine visit'), t('raise $50M in a quarter', 'raise quarter'),
    ],
  },
  {
    slug: 'sports', label: 'Sports', tagId: '1',
    subjects: [
      t('the Lakers', 'lakers'), t('the Celtics', 'celtics'), t('Real Madrid', 'real madrid'), t('Manchester City', 'manchester city'),
      t('the Yankees', 'yankees'), t('the Chiefs', 'chiefs'), t('Novak Djokovic', 'djokovic'), t('Carlos Alcaraz', 'alcaraz'),
      t('Lionel Messi', 'messi'), t('the Warriors', 'warriors'),
    ],
    predicates: [
      t('win five straight games', 'straight games'), t('sign a new star player', 'star player'), t('change head coach', 'head coach'),
      t('top the standings', 'standings'), t('win the next title', 'title'), t('set a new scoring record', 'scoring record'),
      t('sell out the home stadium', 'home stadium'), t('announce a major sponsor', 'major sponsor'), t('win an away derby', 'derby'),
      t('reach the final', 'final'),
    ],
  },
  {
    slug: 'crypto', label: 'Crypto', tagId: '21',
    subjects: [
      t('Bitcoin', 'bitcoin'), t('Ethereum', 'ethereum'), t('Solana', 'solana'), t('Dogecoin', 'dogecoin'), t('XRP', 'xrp'),
      t('Cardano', 'cardano'), t('Chainlink', 'chainlink'), t('Litecoin', 'litecoin'), t('Avalanche', 'avalanche'),
      t('Polkadot', 'polkadot'),
    ],
    predicates: [
      t('hit a new all-time high', 'all-time high'), t('gain 20% in a week', 'gain week'),
      t('drop below its 200-day average', '200-day average'), t('get a new spot ETF', 'spot etf'),
      t('reach a $100B market cap', 'market cap'), t('double in price', 'double'), t('fall 30% from its peak', 'peak'),
      t('top the daily volume chart', 'volume chart'), t('outperform the S&P 500', 'outperform'), t('flip its yearly open', 'yearly open'),
    ],
  },
  {
    slug: 'economics', label: 'Economics', tagId: '100328',
    subjects: [
      t('the Fed', 'fed'), t('the ECB', 'ecb'), t('the Bank of England', 'bank of england'), t('the Bank of Japan', 'bank of japan'),
      t('US inflation', 'inflation'), t('US unemployment', 'unemployment'), t('Nvidia stock', 'nvidia'), t('the Nasdaq', 'nasdaq'),
      t('oil prices', 'oil'), t('gold', 'gold'),
    ],
    predicates: [
      t('move by a full point', 'full point'), t('surprise economists', 'surprise'), t('make a record move', 'record move'),
      t('fall 5% in a month', 'fall month'), t('rise 5% in a month', 'rise month'), t('trigger an emergency meeting', 'emergency meeting'),
      t('change its outlook', 'outlook'), t('beat consensus forecasts', 'consensus'), t('hit a 12-month low', '12-month low'),
      t('hit a 12-month high', '12-month high'),
    ],
  },
  {
    slug: 'world-affairs', label: 'world affairs', tagId: '366',
    subjects: [
      t('Ukraine and Russia', 'ukraine russia'), t('Israel and Hamas', 'israel hamas'), t('China', 'china'),
      t('North Korea', 'north korea'), t('Iran', 'iran'), t('the EU', 'eu'), t('NATO', 'nato'), t('India', 'india'),
      t('Venezuela', 'venezuela'), t('Taiwan', 'taiwan'),
    ],
    predicates: [
      t('agree to a ceasefire', 'ceasefire'), t('hold direct talks', 'direct talks'), t('face new sanctions', 'sanctions'),
      t('sign a trade deal', 'trade deal'), t('host a major summit', 'summit'), t('change its leadership', 'leadership'),
      t('hold snap elections', 'snap elections'), t('reopen an embassy', 'embassy'), t('announce a prisoner swap', 'prisoner swap'),
      t('join a new alliance', 'alliance'),
    ],
  },
  {
    slug: 'science', label: 'Science', tagId: '74',
    subjects: [
      t('SpaceX', 'spacex'), t('NASA', 'nasa'), t('Blue Origin', 'blue origin'), t('OpenAI', 'openai'),
      t('Google DeepMind', 'deepmind'), t('CERN', 'cern'), t('the Webb telescope', 'webb'), t('Neuralink', 'neuralink'),
      t('Rocket Lab', 'rocket lab'), t('Anthropic', 'anthropic'),
    ],
    predicates: [
      t('launch a crewed mission', 'crewed mission'), t('announce a major breakthrough', 'breakthrough'),
      t('publish a paper in Nature', 'paper nature'), t('complete a test flight', 'test flight'),
      t('release a new model', 'new model'), t('win a major prize', 'prize'), t('open a new lab', 'new lab'),
      t('break a world record', 'world record'), t('reveal a new discovery', 'discovery'), t('raise a new funding round', 'funding round'),
    ],
  },
  {
    slug: 'pop-culture', label: 'Pop Culture', tagId: '596',
    subjects: [
      t('Taylor Swift', 'taylor swift'), t('Beyonce', 'beyonce'), t('Drake', 'drake'), t('MrBeast', 'mrbeast'),
      t('Kim Kardashian', 'kardashian'), t('Rihanna', 'rihanna'), t('Bad Bunny', 'bad bunny'), t('Zendaya', 'zendaya'),
      t('Oprah', 'oprah'), t('Billie Eilish', 'billie eilish'),
    ],
    predicates: [
      t('release a new album', 'new album'), t('announce a world tour', 'world tour'), t('break a streaming record', 'streaming record'),
      t('win a Grammy', 'grammy'), t('launch a new brand', 'new brand'), t('appear in a blockbuster', 'blockbuster'),
      t('top the Billboard chart', 'billboard'), t('host a late-night show', 'late-night'), t('announce an engagement', 'engagement'),
      t('go viral with a new video', 'viral'),
    ],
  },
];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Words a sentiment scorer such as VADER reads clearly one way or the other. */
export const POSITIVE_PHRASES = [
  'great news, love it', 'amazing momentum, so happy', 'excellent, this is a win', 'awesome progress, looking good',
  'fantastic, very optimistic', 'good vibes, great outlook',
];
export const NEGATIVE_PHRASES = [
  'terrible news, hate it', 'awful, this is a disaster', 'bad sign, very worried', 'worst outcome, so sad',
  'horrible, looks like a loss', 'ugly collapse, really bad',
];
export const NEUTRAL_PHRASES = ['watching this one', 'any thoughts?', 'tracking the odds', 'interesting market', 'noted', 'keeping an eye on it'];

export function slugify(text: string): string {
  return text.toLowerCase().replace(/&/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
