package dev.baton.alerts;

/** Sends notifications to one configured channel. Thread-safe. */
interface Sender {

    /**
     * @param notice     what to say
     * @param deliveryId the delivery's id, sent along where the channel allows, for receivers that
     *                   must not act twice on one delivery (it is sent at least once)
     * @return what the channel answered, e.g. {@code HTTP 200}
     * @throws DeliveryFailure when it was not accepted
     */
    String send(AlertNotice notice, long deliveryId) throws DeliveryFailure;
}
