package nl.clientapp.bench;

/** Entry point of the benchmark driver; bench/run.sh calls each command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length == 0) {
            System.err.println("Usage: Main prepare|stand-in|load|report --name value ...");
            System.exit(2);
        }
        Args args = new Args(arguments, 1);
        switch (arguments[0]) {
            case "prepare" -> new Prepare(args).run();
            case "stand-in" -> new StandIn().run(args);
            case "load" -> new OpenModelLoad(args).run();
            case "report" -> new Report(args).run();
            default -> {
                System.err.println("Unknown command " + arguments[0] + ": expected prepare, stand-in, load or report");
                System.exit(2);
            }
        }
    }
}
