import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp, ApiProblems } from '@platform/http';
import { OfferListResponse, OfferResponse, ProviderListResponse, ProviderResponse } from './catalogue.responses';
import { Roles } from '@platform/auth';
import { CreateOfferDto, CreateProviderDto, ListOffersQuery } from './catalogue.dto';
import { CatalogueUseCases, offerView, providerView } from './catalogue.use-cases';

@ApiTags('catalogue')
@Controller('api/v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueUseCases) {}

  @Post('providers')
  @Roles('admin')
  @ApiOp('createProvider', 'Register a provider (admin)')
  @ApiProblems(409)
  @ApiCreatedResponse({ type: ProviderResponse })
  async createProvider(@Body() dto: CreateProviderDto) {
    return providerView(await this.catalogue.createProvider(dto));
  }

  @Get('providers')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  @ApiOp('listProviders', 'Every registered provider')
  @ApiOkResponse({ type: ProviderListResponse })
  async listProviders() {
    return { items: (await this.catalogue.listProviders()).map(providerView) };
  }

  @Post('offers')
  @Roles('admin')
  @ApiOp('createOffer', "Add an offer to a provider's catalogue (admin)")
  @ApiProblems(409, 422)
  @ApiCreatedResponse({ type: OfferResponse })
  async createOffer(@Body() dto: CreateOfferDto) {
    return offerView(await this.catalogue.createOffer(dto));
  }

  @Get('offers')
  @Roles('jobcenter', 'provider', 'analyst', 'admin')
  @ApiOp('listOffers', 'The offers, optionally of one provider')
  @ApiOkResponse({ type: OfferListResponse })
  async listOffers(@Query() query: ListOffersQuery) {
    return { items: (await this.catalogue.listOffers(query.providerId)).map(offerView) };
  }
}
