using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp train</c> for the collaborative-filtering models (ItemCF, UserCF, BPR-MF, GMF, MLP, NeuMF): placeholder until their model folders land.</summary>
internal static class CfTrainRun
{
    private static readonly string[] Names = ["itemcf", "usercf", "bpr", "gmf", "mlp", "neumf", "neumf-pretrained"];

    public static bool Handles(string model) => Names.Contains(model);

    public static int Run(TrainSettings settings)
    {
        AnsiConsole.Console.MarkupLine($"[red]error:[/] training {Markup.Escape(settings.Model ?? "")} into a model folder is not implemented yet; use recsharp evaluate --model");
        return 1;
    }
}
