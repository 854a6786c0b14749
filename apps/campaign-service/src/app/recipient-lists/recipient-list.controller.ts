import { ParseIdPipe } from '../parse-id.pipe';
import {
  BadRequestException,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  StreamableFile,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
  Body,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { MAX_CSV_BYTES, RECIPIENT_CSV_TEMPLATE_FILENAME, recipientCsvTemplateBytes } from '@proactive-sms/domain';
import type { Request } from 'express';
import { Actor } from '../auth/actor.decorator';
import { type RecipientListView, type RecipientView, UploadRecipientListDto } from './recipient-list.dto';
import { RecipientListService, type UploadAccepted } from './recipient-list.service';

const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

@ApiTags('recipient lists')
@ApiBearerAuth()
@Controller()
export class RecipientListController {
  constructor(private readonly service: RecipientListService) {}

  @Get('recipient-lists/template.csv')
  template(): StreamableFile {
    // With a BOM, so that Excel opens (and saves back) accented names as UTF-8.
    return new StreamableFile(Buffer.from(recipientCsvTemplateBytes()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${RECIPIENT_CSV_TEMPLATE_FILENAME}"`,
    });
  }

  @Post('campaigns/:id/recipient-lists')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadRecipientListDto })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 10 } }))
  async upload(
    @Actor() actor: string,
    @Param('id', ParseIdPipe) campaignId: number,
    @Req() request: Request,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, unknown>,
  ): Promise<UploadAccepted> {
    if (!request.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeException('Send the list as multipart/form-data with the CSV in a "file" field.');
    }
    if (!file) {
      throw new BadRequestException({
        statusCode: 400,
        message: 'No file: attach the CSV in the "file" field.',
        fields: { file: 'Attach the CSV file' },
      });
    }
    const mimeType = file.mimetype.split(';')[0]!.trim().toLowerCase();
    if (!file.originalname.toLowerCase().endsWith('.csv') && !CSV_TYPES.has(mimeType)) {
      throw new UnsupportedMediaTypeException(
        `${file.originalname} is not a CSV file (${file.mimetype}). Save the list as "CSV UTF-8 (Comma delimited)" and upload the .csv file.`,
      );
    }
    return this.service.upload(actor, {
      campaignId,
      fileName: file.originalname,
      bytes: file.buffer,
      outreachStartAt: typeof body['outreachStartAt'] === 'string' ? body['outreachStartAt'].trim() : undefined,
      outreachEndAt: typeof body['outreachEndAt'] === 'string' ? body['outreachEndAt'].trim() : undefined,
    });
  }

  @Get('recipient-lists/:id')
  get(@Param('id', ParseIdPipe) id: number): Promise<RecipientListView> {
    return this.service.get(id);
  }

  @Get('recipient-lists/:id/recipients')
  recipients(
    @Param('id', ParseIdPipe) id: number,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset: number,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ): Promise<{ total: number; offset: number; limit: number; items: RecipientView[] }> {
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new BadRequestException({
        statusCode: 400,
        message: 'offset must be ≥ 0 and limit between 1 and 1000',
        fields: { offset: 'must be ≥ 0', limit: 'between 1 and 1000' },
      });
    }
    return this.service.recipients(id, { offset, limit });
  }

  @Post('recipient-lists/:id/pause')
  @HttpCode(200)
  pause(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<RecipientListView> {
    return this.service.pause(actor, id);
  }

  @Post('recipient-lists/:id/resume')
  @HttpCode(200)
  resume(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<RecipientListView> {
    return this.service.resume(actor, id);
  }

  @Post('recipient-lists/:id/stop')
  @HttpCode(200)
  stop(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<RecipientListView> {
    return this.service.stop(actor, id);
  }

  @Post('recipient-lists/:id/retry-failed')
  @HttpCode(200)
  retryFailed(@Actor() actor: string, @Param('id', ParseIdPipe) id: number): Promise<RecipientListView> {
    return this.service.retryFailed(actor, id);
  }

  @Get('uploads/:uploadId/error-log.csv')
  async errorLog(@Param('uploadId') uploadId: string): Promise<StreamableFile> {
    const log = await this.service.errorLog(uploadId);
    return new StreamableFile(Buffer.from(log.csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${log.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
  }
}
