namespace RecSharp.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("usage: dotnet run -c Release --project bench/RecSharp.Bench -- <benchmark>");
        return 1;
    }
}
