import os

from regen import NotFoundError, RegenClient

# REGEN_API_KEY is read when api_key= is not given; REGEN_BASE_URL (else production) likewise.
with RegenClient(api_key=os.environ["REGEN_API_KEY"]) as client:
    customer = next(iter(client.customers.list(limit=1)))
    product = next(p for p in client.products.list(active=True) if p.price.currency == "USD")
    order = client.orders.create(
        customer_id=customer.id,
        currency="USD",
        items=[{"product_id": product.id, "quantity": 2}],
    )  # an Idempotency-Key is generated and reused on every retry
    print("created", order.id, order.status, order.total.amount)

    for o in client.orders.list(status="paid", limit=50):  # every page
        print(o.id, o.total.amount, o.total.currency)

    r = client.with_response.orders.retrieve(order.id)
    print(r.data.status, r.request_id, r.rate_limit)

    try:
        client.orders.retrieve("ord_doesNotExist1")  # an id that does not exist: a 404
    except NotFoundError as e:
        print(e.status, e.code, e.request_id)
