import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import { CreateOfferDto, CreateProviderDto, ListOffersQuery } from './catalogue.dto';
import { CatalogueUseCases, offerView, providerView } from './catalogue.use-cases';

@ApiTags('catalogue')
@Controller('api/v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueUseCases) {}

  @Post('providers')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a provider (admin)' })
  async createProvider(@Body() dto: CreateProviderDto) {
    return providerView(await this.catalogue.createProvider(dto));
  }

  @Get('providers')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  async listProviders() {
    return { items: (await this.catalogue.listProviders()).map(providerView) };
  }

  @Post('offers')
  @Roles('admin')
  @ApiOperation({ summary: "Add an offer to a provider's catalogue (admin)" })
  async createOffer(@Body() dto: CreateOfferDto) {
    return offerView(await this.catalogue.createOffer(dto));
  }

  @Get('offers')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  async listOffers(@Query() query: ListOffersQuery) {
    return { items: (await this.catalogue.listOffers(query.providerId)).map(offerView) };
  }
}
