-- AlterTable
ALTER TABLE "item_alert_setting" ALTER COLUMN "slow_moving_days" DROP NOT NULL;
