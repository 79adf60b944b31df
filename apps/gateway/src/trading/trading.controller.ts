import { Controller, Get, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MAX_PNL_RANGE_DAYS, MarketStore, PortfolioStore, RiskJournalStore, SignalStore, pnlSeries,
  type BookSummaryRecord, type JournalEntry, type PnlSeries, type PnlSummary, type PositionRecord, type SignalRecord, type TradeRecord,
} from '@polytrader/persistence';
import { AppConfig } from '@polytrader/platform';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { GatewayReader } from '../database/gateway-reader';
import { SharedReadInterceptor } from '../database/shared-read.interceptor';
import { checkedRange } from '../http/bad-request';
import { TradingStateCache, TradingView } from '../status/trading-state';
import { PnlQueryDto, PnlSeriesQueryDto, SignalsQueryDto, SinceQueryDto } from './trading.queries';

export interface MarkedPosition extends PositionRecord {
  /** the latest stored book of the position's token, to see how far the mark has moved */
  book: Pick<BookSummaryRecord, 'bestBid' | 'bestAsk' | 'mid' | 'ts'> | null;
}

@ApiTags('trading')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
@UseGuards(ApiAuthGuard)
@UseInterceptors(SharedReadInterceptor)
export class TradingController {
  constructor(
    private readonly reader: GatewayReader,
    private readonly config: AppConfig,
    private readonly trading: TradingStateCache,
  ) {}

  @Get('signals')
  @ApiOperation({ summary: 'Latest signals, newest first' })
  signals(@Query() q: SignalsQueryDto): Promise<SignalRecord[]> {
    return this.reader.read((ds) => new SignalStore(ds).recent(q));
  }

  @Get('journal')
  @ApiOperation({ summary: 'Risk decisions (with reasons) and orders, oldest first: the first `limit` since a time, or without one the newest `limit`' })
  journal(@Query() q: SinceQueryDto): Promise<JournalEntry[]> {
    const limit = q.limit ?? 200;
    return this.reader.read((ds) => (q.since ? new RiskJournalStore(ds).entries(q.since, limit) : new RiskJournalStore(ds).latestEntries(limit)));
  }

  @Get('positions')
  @ApiOperation({ summary: 'Open positions at their last mark, with the latest book of each token' })
  positions(): Promise<MarkedPosition[]> {
    return this.reader.read(async (ds) => {
      const positions = await new PortfolioStore(ds, this.config.portfolio.initial_equity).openPositions();
      const books = await new MarketStore(ds).latestBooks([...new Set(positions.map((p) => p.marketId))]);
      const byToken = new Map(books.map((b) => [b.tokenId, b]));
      return positions.map((p) => {
        const b = byToken.get(p.tokenId);
        return { ...p, book: b ? { bestBid: b.bestBid, bestAsk: b.bestAsk, mid: b.mid, ts: b.ts } : null };
      });
    });
  }

  @Get('trades')
  @ApiOperation({ summary: 'Trades, newest first' })
  trades(@Query() q: SinceQueryDto): Promise<TradeRecord[]> {
    return this.reader.read((ds) => new RiskJournalStore(ds).recentTrades(q.since, q.limit ?? 200));
  }

  @Get('pnl')
  @ApiOperation({ summary: 'Realized, unrealized, fees, equity and trade counts over from/to' })
  pnl(@Query() q: PnlQueryDto): Promise<PnlSummary> {
    const from = q.from ?? `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    return this.reader.read((ds) => new PortfolioStore(ds, this.config.portfolio.initial_equity).pnlSummary(from, q.to));
  }

  @Get('pnl/series')
  @ApiOperation({ summary: 'Equity curve, daily PnL (UTC days), drawdown and totals over from/to, derived from the order journal' })
  series(@Query() q: PnlSeriesQueryDto): Promise<PnlSeries> {
    const interval = q.interval ?? 'hour';
    const nowMs = Date.now();
    const range = checkedRange(q.from, q.to, 30, MAX_PNL_RANGE_DAYS[interval], nowMs);
    return this.reader.read((ds) => pnlSeries(ds, this.config.portfolio.initial_equity, { ...range, interval }, nowMs));
  }

  @Get('trading-state')
  @ApiOperation({ summary: "risk's ACTIVE / REDUCING / HALTED (null until risk answered once)" })
  state(): { trading: TradingView | null } {
    return { trading: this.trading.current };
  }
}
