/** Types for vader-sentiment 1.1.3 (JavaScript port of VADER; ships no types). Only what we call. */
declare module 'vader-sentiment' {
  export interface VaderPolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): VaderPolarityScores;
  };
}
