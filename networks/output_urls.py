from django.urls import path

from . import library_views, output_files

app_name = "outputs"

urlpatterns = [
    path("", library_views.OutputListView.as_view(), name="list"),
    path("<int:pk>/file/", output_files.serve_output_file, name="file"),
]
