/**
 * The utility bar's items (ContactPad, the Open CTI "Phone"): label, icon, open or minimised,
 * highlighted, the panel heading, and the click handlers the Utility Bar API registers. `api`
 * is what the platform stand-in (platform/lightning/platformUtilityBarApi.js) drives.
 */
import { Observable } from './observable';

/** What updateUtility changes (a field not given, or undefined, stays as it is). */
export interface UtilityChange {
  readonly label?: string | undefined;
  readonly icon?: string | undefined;
  readonly highlighted?: boolean | undefined;
}

/** What the Utility Bar API's getInfo answers. */
export interface UtilityInfo {
  readonly id: string;
  readonly utilityLabel: string;
  readonly utilityIcon: string;
  readonly utilityVisible: boolean;
  readonly panelVisible: boolean;
  readonly utilityHighlighted: boolean;
}

/** A utility bar item as the Utility Bar API stand-in drives it. */
export interface UtilityApi {
  open(options?: unknown): boolean;
  minimize(): boolean;
  info(): UtilityInfo;
  update(change?: UtilityChange): boolean;
  updatePanel(change?: { readonly heading?: string | undefined }): boolean;
  onClick(handler: (event: { utilityId: string }) => void): boolean;
}

export interface UtilityState {
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly heading: string;
  readonly open: boolean;
  readonly highlighted: boolean;
}

export class UtilityModel extends Observable<UtilityState> {
  private readonly clickHandlers: ((event: { utilityId: string }) => void)[] = [];
  readonly api: UtilityApi;

  constructor(id: string, label: string, icon: string) {
    super({ id, label, icon, heading: label, open: false, highlighted: false });
    this.api = {
      open: () => this.setOpen(true),
      minimize: () => this.setOpen(false),
      info: () => ({
        id,
        utilityLabel: this.state.label,
        utilityIcon: this.state.icon,
        utilityVisible: true,
        panelVisible: this.state.open,
        utilityHighlighted: this.state.highlighted,
      }),
      update: (change = {}) => {
        this.set({
          ...(typeof change.label === 'string' ? { label: change.label } : {}),
          ...(typeof change.icon === 'string' ? { icon: change.icon } : {}),
          ...(typeof change.highlighted === 'boolean' ? { highlighted: change.highlighted } : {}),
        });
        return true;
      },
      updatePanel: (change = {}) => {
        if (typeof change.heading === 'string') this.set({ heading: change.heading });
        return true;
      },
      onClick: (handler) => {
        this.clickHandlers.push(handler);
        return true;
      },
    };
  }

  /** The item's button was clicked: its handlers hear it, then the panel opens or minimises. */
  clicked(): void {
    for (const handler of this.clickHandlers) handler({ utilityId: this.state.id });
    this.setOpen(!this.state.open);
  }

  private setOpen(open: boolean): boolean {
    this.set({ open });
    return true;
  }
}
