import { Controller, Get, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { WebhookVerifier } from '@proactive-sms/messagebird';
import type { Request } from 'express';
import { DispatcherConfig } from '../config/dispatcher-config';
import { DispatcherMetrics } from '../metrics/dispatcher-metrics';
import { DeliveryReportService } from './delivery-report.service';
import { InboundMessageService } from './inbound-message.service';

/**
 * MessageBird's webhooks. Each request's `MessageBird-Signature-JWT` is verified over the URL MessageBird
 * called and the raw body, and its token id may be used once: anything off is a 401 and changes nothing.
 */
@Controller('webhooks/messagebird')
export class WebhookController {
  constructor(
    private readonly verifier: WebhookVerifier,
    private readonly config: DispatcherConfig,
    private readonly reports: DeliveryReportService,
    private readonly inbound: InboundMessageService,
    private readonly metrics: DispatcherMetrics,
  ) {}

  @Get('status')
  @HttpCode(200)
  async statusGet(@Req() request: RawBodyRequest<Request>): Promise<{ result: string }> {
    await this.verify(request, 'status');
    return { result: this.count('status', await this.reports.apply(params(request))) };
  }

  @Post('status')
  @HttpCode(200)
  async statusPost(@Req() request: RawBodyRequest<Request>): Promise<{ result: string }> {
    await this.verify(request, 'status');
    return { result: this.count('status', await this.reports.apply(params(request))) };
  }

  @Get('inbound')
  @HttpCode(200)
  async inboundGet(@Req() request: RawBodyRequest<Request>): Promise<{ result: string }> {
    await this.verify(request, 'inbound');
    return { result: this.count('inbound', (await this.inbound.receive(params(request))).outcome) };
  }

  @Post('inbound')
  @HttpCode(200)
  async inboundPost(@Req() request: RawBodyRequest<Request>): Promise<{ result: string }> {
    await this.verify(request, 'inbound');
    return { result: this.count('inbound', (await this.inbound.receive(params(request))).outcome) };
  }

  private async verify(request: RawBodyRequest<Request>, kind: WebhookKind): Promise<void> {
    const header = request.headers['messagebird-signature-jwt'];
    const result = await this.verifier.verify({
      url: `${this.config.publicUrl}${request.originalUrl}`,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      signature: Array.isArray(header) ? header[0] : header,
    });
    if (!result.ok) {
      this.count(kind, 'refused');
      throw new UnauthorizedException(`Webhook refused: ${result.reason}`);
    }
  }

  private count<T extends string>(kind: WebhookKind, result: T): T {
    this.metrics.webhooks.inc({ kind, result });
    return result;
  }
}

type WebhookKind = 'status' | 'inbound';

/** Query parameters and the body (form or JSON) as flat strings. */
function params(request: Request): Record<string, string> {
  const merged: Record<string, string> = {};
  const add = (source: unknown) => {
    if (!source || typeof source !== 'object') return;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      merged[key] =
        typeof value === 'string'
          ? value
          : Array.isArray(value)
            ? String(value[0])
            : typeof value === 'object'
              ? JSON.stringify(value)
              : String(value);
    }
  };
  add(request.query);
  add(request.body);
  return merged;
}
