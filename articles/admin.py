from django.contrib import admin

from .models import Article, ArticleAuthor, Author, TaggedArticle, Update


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    autocomplete_fields = ["author"]
    ordering = ["position"]


class UpdateInline(admin.StackedInline):
    model = Update
    extra = 0
    fields = ["kind", "published_at", "title", "body", "order"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "is_live", "modified_at"]
    list_filter = ["status"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["terms"]
    readonly_fields = ["created_at", "modified_at"]
    inlines = [ArticleAuthorInline, UpdateInline]

    @admin.display(boolean=True, description="Live")
    def is_live(self, obj):
        return obj.is_published()


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "kind", "published_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["title", "body", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(TaggedArticle)
class TaggedArticleAdmin(admin.ModelAdmin):
    list_display = ["tag", "content_object"]
    list_select_related = ["tag", "content_object"]
    search_fields = ["tag__name", "content_object__title"]
