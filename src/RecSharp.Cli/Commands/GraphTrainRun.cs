using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp train</c> for the graph models (LightGCN, BM3): placeholder until their model folders land.</summary>
internal static class GraphTrainRun
{
    private static readonly string[] Names = ["lightgcn", "bm3"];

    public static bool Handles(string model) => Names.Contains(model);

    public static int Run(TrainSettings settings)
    {
        AnsiConsole.Console.MarkupLine($"[red]error:[/] training {Markup.Escape(settings.Model ?? "")} into a model folder is not implemented yet; use recsharp evaluate --model");
        return 1;
    }
}
