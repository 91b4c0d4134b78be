/**
 * Cases that match an active ContactPad Case Rule are sent to routing after they are saved
 * (ContactPadCaseTriggerHandler): no callout here, and nothing it raises fails the save.
 */
trigger ContactPadCase on Case(after insert, after update) {
  ContactPadCaseTriggerHandler.afterSave(Trigger.new, Trigger.oldMap);
}
