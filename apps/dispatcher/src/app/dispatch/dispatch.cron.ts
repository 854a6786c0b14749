import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DispatcherConfig } from '../config/dispatcher-config';
import { DispatchService } from './dispatch.service';

export const DISPATCH_TICKS = Symbol('DISPATCH_TICKS');

/** Ticks every DISPATCH_INTERVAL_MS; a tick still running is not overlapped (the service skips it). */
@Injectable()
export class DispatchCron implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly dispatch: DispatchService,
    private readonly config: DispatcherConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = setInterval(() => void this.dispatch.tick(), this.config.dispatchIntervalMs);
    this.registry.addInterval('dispatch', interval);
    void this.dispatch.tick();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', 'dispatch')) this.registry.deleteInterval('dispatch');
  }
}
