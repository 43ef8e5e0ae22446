from watchfloor.cli.main import app

app(prog_name="watchfloor")
