-- CreateIndex
CREATE INDEX "Order_shopId_id_idx" ON "Order"("shopId", "id");
