from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Interest, Opportunity

PAGE_SIZE = 20


def _with_listing_details(queryset):
    return queryset.select_related("provider").prefetch_related(
        "sessions",
        "costs",
        "interests",
        "payment_routes",
        Prefetch("venues", queryset=Opportunity.venues.rel.model.objects.select_related("ward")),
    )


@require_safe
def opportunity_list(request):
    """A simple browse of published opportunities; full search arrives with the search issue."""
    opportunities = Opportunity.objects.published().order_by("title")
    interest = None
    interest_slug = request.GET.get("interest", "")
    if interest_slug:
        interest = Interest.objects.filter(slug=interest_slug).first()
        if interest:
            opportunities = opportunities.filter(interests=interest)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        opportunities = opportunities.filter(title__icontains=query) | opportunities.filter(
            summary__icontains=query
        )
    paginator = Paginator(_with_listing_details(opportunities), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "opportunities/opportunity_list.html",
        {"page": page, "interest": interest, "query": query, "paginator": paginator},
    )


@require_safe
def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        _with_listing_details(Opportunity.objects.published()).prefetch_related(
            "audiences", "features", "venues__features"
        ),
        slug=slug,
    )
    return render(request, "opportunities/opportunity_detail.html", {"opportunity": opportunity})
