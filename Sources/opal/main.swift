import OpalCLI

await OpalMain.main()
