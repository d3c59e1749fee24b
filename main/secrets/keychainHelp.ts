import { AppError } from '../../shared/errors';

/**
 * What to install when the keychain module (keytar) is missing, per platform. keytar ships prebuilt
 * binaries for macOS and Windows; on Linux it usually compiles from source against libsecret.
 * The demo exchange needs no key, so only saving or using a real key reaches this.
 */
export function keychainInstallHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Install libsecret and a keyring (Debian/Ubuntu: sudo apt-get install libsecret-1-dev gnome-keyring; Fedora: sudo dnf install libsecret-devel gnome-keyring), then run npm install again and restart Tradelog.';
    case 'darwin':
      return 'Run npm install again and restart Tradelog (where no prebuilt module matches, it compiles one and needs the Xcode Command Line Tools: xcode-select --install).';
    case 'win32':
      return 'Run npm install again and restart Tradelog (where no prebuilt module matches, it compiles one and needs the Visual Studio Build Tools with the C++ workload).';
    default:
      return 'Run npm install again with a C++ toolchain and libsecret available, then restart Tradelog.';
  }
}

/** What to do when the module loads but no keychain answers (none running, or locked). */
export function keyringHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Start and unlock a keyring that offers the Secret Service (GNOME Keyring or KWallet; Debian/Ubuntu: sudo apt-get install gnome-keyring, then log out and in), and try again.';
    case 'darwin':
      return 'Unlock your login keychain (Keychain Access) and try again.';
    case 'win32':
      return 'Make sure the Credential Manager service is running and try again.';
    default:
      return 'Start and unlock your system keyring and try again.';
  }
}

export function keychainNotAnswering(platform: NodeJS.Platform, cause: unknown): AppError {
  return new AppError('KEYCHAIN_UNAVAILABLE', `The system keychain is not available, so API keys cannot be stored safely. ${keyringHint(platform)}`, { cause });
}

export function keychainModuleMissing(platform: NodeJS.Platform, cause: unknown): AppError {
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `Tradelog's keychain module is not installed, so API keys cannot be stored safely (the demo exchange works without it). ${keychainInstallHint(platform)}`,
    { cause },
  );
}
