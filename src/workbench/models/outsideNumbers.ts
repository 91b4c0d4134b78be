/**
 * The outside numbers panel's state: how a telephone number behaves when a consult or an outbound
 * call rings it, and the calls ringing an outside number now (pushed), each of which can be
 * answered.
 */
import type { RequestJson } from './observable';
import { Observable, messageOf } from './observable';
import type { OutsideCall } from './updates';

/** How a number answers: each choice and what the simulator is told. */
export const ANSWER_CHOICES = [
  { value: 'auto', label: 'Answers after 2 s', body: { answer: 'auto', afterMs: 2000 } },
  { value: 'now', label: 'Answers at once', body: { answer: 'auto', afterMs: 0 } },
  { value: 'never', label: 'Never answers', body: { answer: 'never', afterMs: 0 } },
] as const;

export type AnswerChoice = (typeof ANSWER_CHOICES)[number]['value'];

export interface CallRow {
  readonly ref: string;
  readonly number: string;
  readonly text: string;
  readonly title: string;
}

export interface OutsideNumbersState {
  readonly number: string;
  readonly answer: AnswerChoice;
  readonly choices: readonly { readonly value: AnswerChoice; readonly label: string }[];
  readonly calls: readonly CallRow[];
  readonly status: string;
}

export class OutsideNumbersModel extends Observable<OutsideNumbersState> {
  constructor(private readonly request: RequestJson) {
    super({
      number: '+15550100200',
      answer: 'auto',
      choices: ANSWER_CHOICES.map(({ value, label }) => ({ value, label })),
      calls: [],
      status: '',
    });
  }

  setNumber(number: string): void {
    this.set({ number });
  }

  setAnswer(answer: string): void {
    const choice = ANSWER_CHOICES.find((c) => c.value === answer);
    if (choice !== undefined) this.set({ answer: choice.value });
  }

  /** The calls ringing an outside number, as pushed. */
  received(calls: readonly OutsideCall[]): void {
    this.set({
      calls: calls.map((call) => ({
        ref: call.ref,
        number: call.number,
        text: `${call.from} is calling ${call.number}`,
        title: `${call.number} answers ${call.from}`,
      })),
    });
  }

  /** Tells the simulator how the number answers. */
  async submit(): Promise<void> {
    const number = this.state.number.trim();
    const choice = ANSWER_CHOICES.find((c) => c.value === this.state.answer) ?? ANSWER_CHOICES[0];
    try {
      await this.request(`/workbench/api/simulate/numbers/${encodeURIComponent(number)}`, {
        method: 'PUT',
        body: JSON.stringify(choice.body),
      });
      this.set({ status: `${number}: ${choice.label.toLowerCase()}.` });
    } catch (error) {
      this.set({ status: `Setting ${number} failed: ${messageOf(error)}` });
    }
  }

  /** The number answers the call `ref` now. */
  async answerCall(ref: string): Promise<void> {
    const call = this.state.calls.find((c) => c.ref === ref);
    try {
      await this.request(`/workbench/api/simulate/calls/${encodeURIComponent(ref)}/answer`, {
        method: 'POST',
      });
      this.set({ status: `${call?.number ?? ref} answered.` });
    } catch (error) {
      this.set({ status: `Answer failed: ${messageOf(error)}` });
    }
  }
}
