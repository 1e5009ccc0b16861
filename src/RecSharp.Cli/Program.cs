using System.CommandLine;
using RecSharp.Torch;

namespace RecSharp.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("recsharp: train, evaluate and serve recall models for recommender systems.");
        root.Subcommands.Add(InfoCommand());
        root.Subcommands.Add(Commands.DataStatsCommand.Create());
        root.Subcommands.Add(Commands.EvaluateCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.RecommendCommand.Create());
        root.Subcommands.Add(Commands.SimilarCommand.Create());
        root.Subcommands.Add(Commands.TsneCommand.Create());
        root.Subcommands.Add(Commands.ReportCommand.Create());
        return root.Parse(args).Invoke();
    }

    private static Command InfoCommand()
    {
        var command = new Command("info", "Print the engine versions, the BLAS in use and the thread count.");
        command.SetAction(_ =>
        {
            Console.WriteLine(torch.Version);
            Console.WriteLine($"BLAS: {(torch.UsesOpenBlas ? "OpenBLAS" : "reference BLAS (slow: install libopenblas0-pthread)")}");
            Console.WriteLine($"threads: {torch.NumThreads} (cores: {Environment.ProcessorCount})");
            return 0;
        });
        return command;
    }
}
