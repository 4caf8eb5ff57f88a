// Placeholder: the full demo (emulator, preview, up, change, destroy) replaces this.
console.log("pulumi-wxcc demo: the provider is under construction; nothing to show yet.");
