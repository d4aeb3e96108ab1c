import { categoriesEntity } from '../categories/categories.merchant.js';
import { customersEntity } from '../customers/customers.merchant.js';
import type { AppDeps } from '../http/deps.js';
import type { Route } from '../http/routes.js';
import { ordersEntity } from '../orders/orders.merchant.js';
import { productsEntity } from '../products/products.merchant.js';
import { merchantCrud } from './merchant.crud.js';
import { storeRoutes } from './store.routes.js';

/**
 * Every route of the merchant API, spelt out so that a path can be found by searching for it.
 * The key check and the JSON body parser are mounted on /api as a whole, in app.ts.
 */
export function merchantRoutes(deps: AppDeps): Route[] {
  const { list, bulkUpsert, create, read, update, remove } = merchantCrud(deps);
  const timeZone = deps.config.storeTimeZone;
  const store = storeRoutes(deps);
  const orders = ordersEntity(timeZone);
  const customers = customersEntity(timeZone);
  const products = productsEntity(timeZone);
  const categories = categoriesEntity(timeZone);

  return [
    store.read('/api/store'),
    store.replace('/api/store'),

    list('/api/orders', orders),
    bulkUpsert('/api/orders', orders),
    create('/api/orders', orders),
    read('/api/orders/:id', orders),
    update('/api/orders/:id', orders),
    remove('/api/orders/:id', orders),

    list('/api/customers', customers),
    bulkUpsert('/api/customers', customers),
    create('/api/customers', customers),
    read('/api/customers/:id', customers),
    update('/api/customers/:id', customers),
    remove('/api/customers/:id', customers),

    list('/api/products', products),
    bulkUpsert('/api/products', products),
    create('/api/products', products),
    read('/api/products/:id', products),
    update('/api/products/:id', products),
    remove('/api/products/:id', products),

    list('/api/categories', categories),
    bulkUpsert('/api/categories', categories),
    create('/api/categories', categories),
    read('/api/categories/:id', categories),
    update('/api/categories/:id', categories),
    remove('/api/categories/:id', categories),
  ];
}
