import OpalCLI

await OpalMain.run()
